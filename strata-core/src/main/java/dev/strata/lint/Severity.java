package dev.strata.lint;

import java.util.Locale;
import java.util.Optional;

/** How much a finding matters; ordered, so "at or above the failing severity" is a comparison. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** The severity spelled {@code info}, {@code warning} or {@code error} (any case). */
    public static Optional<Severity> parse(String text) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(text.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
