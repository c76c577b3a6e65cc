package dev.strata.bench.online;

import java.util.Locale;

/** How a change is made: the plain statement a developer would type, or Strata's safe multi-step form. */
public enum Mode {
    NAIVE,
    STRATA;

    /** The lower-case name used on the command line and in the report. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode called {@code label}; throws with the list of known modes otherwise. */
    public static Mode of(String label) {
        for (Mode mode : values()) {
            if (mode.label().equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + label + "'; known: naive, strata");
    }
}
