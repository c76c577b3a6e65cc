package dev.strata.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the result tables and the verdict per target. Times are medians of the wall time of each tool's whole
 * process (start-up included: what a user waits for); ratios divide by the floor's and Flyway's. A target passes
 * only where it says PASS; the benchmark never fails on a miss.
 */
final class ReportPrinter {

    static final double FLOOR_LIMIT = 1.00;
    static final double NOOP_VS_FLYWAY_LIMIT = 0.30;
    static final double RSS_VS_FLYWAY_LIMIT = 0.50;

    private final PrintStream out;
    private final Measurements measurements;

    ReportPrinter(PrintStream out, Measurements measurements) {
        this.out = out;
        this.measurements = measurements;
    }

    void print() {
        table(Phase.APPLY, "apply (empty database -> all revisions)");
        table(Phase.NOOP, "no-op (a second run on the applied database)");
        table(Phase.DOWNGRADE, "downgrade (all revisions -> empty)");
        out.println();
        out.println("targets                          limit   result");
        target("strata apply vs floor", FLOOR_LIMIT, ratio(Tool.STRATA, Tool.FLOOR, Phase.APPLY, false));
        target("strata no-op vs flyway", NOOP_VS_FLYWAY_LIMIT, ratio(Tool.STRATA, Tool.FLYWAY, Phase.NOOP, false));
        target("  (the same in CPU time)", NOOP_VS_FLYWAY_LIMIT, cpuRatio(Tool.STRATA, Tool.FLYWAY, Phase.NOOP));
        target("strata peak RSS vs flyway", RSS_VS_FLYWAY_LIMIT, ratio(Tool.STRATA, Tool.FLYWAY, Phase.APPLY, true));
    }

    private void table(Phase phase, String title) {
        out.println();
        out.println(title + ", medians");
        out.printf(Locale.ROOT, "%-10s %10s %8s %8s %10s %9s %8s %9s%n", "tool", "wall", "x floor", "x flyway", "peak RSS",
                "strata/x", "cpu", "strata/x");
        for (Tool tool : Tool.values()) {
            if (!tool.runs(phase)) {
                continue;
            }
            Optional<Summary> summary = measurements.summary(tool, phase);
            if (summary.isEmpty()) {
                out.printf(Locale.ROOT, "%-10s %s%n", tool.label(), measurements.failed(tool) ? "failed (see above)" : "not run");
                continue;
            }
            Summary s = summary.get();
            out.printf(Locale.ROOT, "%-10s %7.0f ms %8s %8s %7.1f MB %9s %6.2f s %9s%n", tool.label(), s.processMillis(),
                    times(ratio(tool, Tool.FLOOR, phase, false)), times(ratio(tool, Tool.FLYWAY, phase, false)),
                    s.peakRssMb(), times(ratio(Tool.STRATA, tool, phase, false)), s.cpuSeconds(),
                    times(cpuRatio(Tool.STRATA, tool, phase)));
        }
    }

    private void target(String name, double limit, Optional<Double> ratio) {
        out.printf(Locale.ROOT, "%-30s %6.2fx   %s%n", name, limit, verdict(ratio, limit));
    }

    private Optional<Double> ratio(Tool tool, Tool base, Phase phase, boolean rss) {
        Optional<Summary> a = measurements.summary(tool, phase);
        Optional<Summary> b = measurements.summary(base, phase);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        double x = rss ? a.get().peakRssMb() : a.get().processMillis();
        double y = rss ? b.get().peakRssMb() : b.get().processMillis();
        return y <= 0 ? Optional.empty() : Optional.of(x / y);
    }

    /** CPU time of {@code tool} over {@code base}'s in {@code phase} (medians); empty when either is unknown. */
    private Optional<Double> cpuRatio(Tool tool, Tool base, Phase phase) {
        Optional<Summary> a = measurements.summary(tool, phase);
        Optional<Summary> b = measurements.summary(base, phase);
        if (a.isEmpty() || b.isEmpty() || a.get().cpuSeconds() < 0 || b.get().cpuSeconds() <= 0) {
            return Optional.empty();
        }
        return Optional.of(a.get().cpuSeconds() / b.get().cpuSeconds());
    }

    private static String times(Optional<Double> ratio) {
        return ratio.map(r -> String.format(Locale.ROOT, "%.2fx", r)).orElse("-");
    }

    static String verdict(Optional<Double> ratio, double limit) {
        return ratio.map(r -> String.format(Locale.ROOT, "%.2fx %s", r, r <= limit ? "PASS" : "MISS"))
                .orElse("n/a");
    }
}
