package dev.strata.engine.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in configuration and messages: {@code 500MB}, {@code 2GB}, {@code 0}; units are powers of 1024. */
public final class Sizes {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,12})\\s*([a-zA-Z]*)\\s*");
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    private Sizes() {
    }

    /** The bytes {@code text} names, or empty when it is not a size. */
    public static Optional<Long> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "", "b" -> 0;
            case "k", "kb" -> 10;
            case "m", "mb" -> 20;
            case "g", "gb" -> 30;
            case "t", "tb" -> 40;
            default -> -1;
        };
        return shift < 0 ? Optional.empty() : Optional.of(n << shift);
    }

    /** Bytes for people: {@code 512 B}, {@code 3.4 MB}. */
    public static String format(long bytes) {
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
    }
}
