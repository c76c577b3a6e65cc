package dev.strata.bench;

import java.util.Objects;
import java.util.Optional;

/**
 * What one child JVM says about itself at exit: which tool ran, how long its work took measured
 * inside the process (from the first line of {@code main}, so class loading counts, JVM start does
 * not), and its peak resident set size. Travels as one line on standard output, see {@link #line()}.
 */
public record ChildReport(String tool, double millis, long peakRssKb) {

    /** Marks the result line among whatever else a tool prints. */
    public static final String MARKER = "strata-bench-result";

    public ChildReport {
        Objects.requireNonNull(tool, "tool");
        if (tool.isBlank() || tool.contains(" ")) {
            throw new IllegalArgumentException("tool must be one word, got '" + tool + "'");
        }
        if (millis < 0 || peakRssKb < 0) {
            throw new IllegalArgumentException("millis and peakRssKb must not be negative");
        }
    }

    /** Builds the report of the running process: elapsed time since {@code startNanos} and VmHWM now. */
    public static ChildReport now(String tool, long startNanos) {
        return new ChildReport(tool, (System.nanoTime() - startNanos) / 1e6, PeakRss.kilobytes());
    }

    /** The machine-readable line, e.g. {@code strata-bench-result tool=floor millis=812.3 rss_kb=61234}. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%s tool=%s millis=%.3f rss_kb=%d", MARKER, tool, millis, peakRssKb);
    }

    /** Reads a line written by {@link #line()}; any other line gives empty. */
    public static Optional<ChildReport> parse(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 4 || !parts[0].equals(MARKER)
                || !parts[1].startsWith("tool=") || !parts[2].startsWith("millis=") || !parts[3].startsWith("rss_kb=")) {
            return Optional.empty();
        }
        return Optional.of(new ChildReport(parts[1].substring(5),
                Double.parseDouble(parts[2].substring(7)), Long.parseLong(parts[3].substring(7))));
    }
}
