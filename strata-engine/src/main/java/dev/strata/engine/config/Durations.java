package dev.strata.engine.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of {@code strata.toml}: a non-negative whole number and a unit, as PostgreSQL
 * writes them: {@code "500ms"}, {@code "2s"}, {@code "1min"}, {@code "1h"}, {@code "1d"}; a bare
 * {@code "0"} means zero (for timeouts: none). A space between number and unit is allowed.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,12})\\s*([a-zA-Z]*)\\s*");

    private Durations() {
    }

    /** The duration {@code text} denotes, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        switch (unit) {
            case "":
                return n == 0 ? Optional.of(Duration.ZERO) : Optional.empty();
            case "ms":
                return Optional.of(Duration.ofMillis(n));
            case "s":
                return Optional.of(Duration.ofSeconds(n));
            case "min":
                return Optional.of(Duration.ofMinutes(n));
            case "h":
                return Optional.of(Duration.ofHours(n));
            case "d":
                return Optional.of(Duration.ofDays(n));
            default:
                return Optional.empty();
        }
    }

    /** A hint for a value {@link #parse} rejected, to follow "is not a duration". */
    static String hint(String text) {
        Matcher m = FORM.matcher(text);
        if (m.matches() && m.group(2).isEmpty()) {
            return "add a unit, e.g. \"" + m.group(1) + "s\" or \"" + m.group(1) + "ms\"";
        }
        if (m.matches() && m.group(2).equals("m")) {
            return "write \"" + m.group(1) + "min\" for minutes";
        }
        return "write e.g. \"500ms\", \"2s\", \"1min\", \"1h\" or \"0\"";
    }

    /** The shortest exact form of {@code d} in the same syntax: {@code "0"}, {@code "1500ms"}, {@code "15min"}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "min", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
