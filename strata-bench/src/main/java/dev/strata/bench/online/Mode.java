package dev.strata.bench.online;

import dev.strata.plan.Backfill.Strategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a change is made: the plain statement a developer would type, or Strata's safe multi-step form with the
 * backfill strategy chosen automatically ({@code strata}) or forced ({@code strata-in-place},
 * {@code strata-copy-swap}; these run only for the changes that backfill every row).
 */
public enum Mode {
    NAIVE(null),
    STRATA(Strategy.AUTO),
    STRATA_IN_PLACE(Strategy.IN_PLACE),
    STRATA_COPY_SWAP(Strategy.COPY_SWAP);

    private final Strategy strategy;

    Mode(Strategy strategy) {
        this.strategy = strategy;
    }

    /** The backfill strategy the ops are given; null for the naive statement. */
    public Strategy strategy() {
        return strategy;
    }

    public boolean isStrata() {
        return strategy != null;
    }

    /** The lower-case name used on the command line and in the report. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The mode called {@code label}; throws with the list of known modes otherwise. */
    public static Mode of(String label) {
        for (Mode mode : values()) {
            if (mode.label().equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + label + "'; known: "
                + Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", ")));
    }
}
