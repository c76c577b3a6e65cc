package dev.strata.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Prints the result tables and the verdict per target. Times are medians; ratios are taken on both
 * the in-process time (the tool's own work) and the process time (what a user waits for, JVM start
 * included), because a constant JVM start pulls every ratio towards 1 and so flatters some targets
 * and penalises others. A target passes only where it says PASS; the benchmark never fails on a miss.
 */
final class ReportPrinter {

    static final double FLOOR_LIMIT = 1.10;
    static final double APPLY_VS_FLYWAY_LIMIT = 0.40;
    static final double NOOP_VS_FLYWAY_LIMIT = 0.30;
    static final double RSS_VS_FLYWAY_LIMIT = 0.50;

    private final PrintStream out;
    private final Measurements measurements;

    ReportPrinter(PrintStream out, Measurements measurements) {
        this.out = out;
        this.measurements = measurements;
    }

    void print() {
        out.println();
        out.println("apply (empty database -> all revisions), medians");
        out.printf(Locale.ROOT, "%-8s %12s %8s %8s %12s %8s %8s %10s%n",
                "tool", "in-process", "x floor", "x flyway", "process", "x floor", "x flyway", "peak RSS");
        for (Tool tool : Tool.values()) {
            row(tool, Phase.APPLY, true);
        }
        out.println();
        out.println("no-op (second run on the applied database), medians");
        out.printf(Locale.ROOT, "%-8s %12s %8s %8s %12s %8s %8s %10s%n",
                "tool", "in-process", "", "x flyway", "process", "", "x flyway", "peak RSS");
        for (Tool tool : Tool.values()) {
            if (tool.keepsState()) {
                row(tool, Phase.NOOP, false);
            }
        }
        out.println();
        out.println("targets                          limit   in-process          process");
        target("strata apply vs floor", FLOOR_LIMIT, Phase.APPLY, Tool.FLOOR);
        target("strata apply vs flyway", APPLY_VS_FLYWAY_LIMIT, Phase.APPLY, Tool.FLYWAY);
        target("strata no-op vs flyway", NOOP_VS_FLYWAY_LIMIT, Phase.NOOP, Tool.FLYWAY);
        Optional<Double> rss = ratio(Tool.STRATA, Tool.FLYWAY, Phase.APPLY, Summary::peakRssMb);
        out.printf(Locale.ROOT, "%-30s %6.2fx   %-18s (peak RSS of the apply run)%n",
                "strata peak RSS vs flyway", RSS_VS_FLYWAY_LIMIT, verdict(rss, RSS_VS_FLYWAY_LIMIT));
    }

    private void row(Tool tool, Phase phase, boolean withFloor) {
        Optional<Summary> summary = measurements.summary(tool, phase);
        if (summary.isEmpty()) {
            out.printf(Locale.ROOT, "%-8s %s%n", tool.label(), measurements.failed(tool) ? "failed (see above)" : "not run");
            return;
        }
        Summary s = summary.get();
        out.printf(Locale.ROOT, "%-8s %9.0f ms %8s %8s %9.0f ms %8s %8s %7.1f MB%n",
                tool.label(),
                s.inProcessMillis(),
                withFloor ? times(ratio(tool, Tool.FLOOR, phase, Summary::inProcessMillis)) : "",
                times(ratio(tool, Tool.FLYWAY, phase, Summary::inProcessMillis)),
                s.processMillis(),
                withFloor ? times(ratio(tool, Tool.FLOOR, phase, Summary::processMillis)) : "",
                times(ratio(tool, Tool.FLYWAY, phase, Summary::processMillis)),
                s.peakRssMb());
    }

    private void target(String name, double limit, Phase phase, Tool against) {
        out.printf(Locale.ROOT, "%-30s %6.2fx   %-18s  %s%n", name, limit,
                verdict(ratio(Tool.STRATA, against, phase, Summary::inProcessMillis), limit),
                verdict(ratio(Tool.STRATA, against, phase, Summary::processMillis), limit));
    }

    private Optional<Double> ratio(Tool tool, Tool base, Phase phase, ToDoubleFunction<Summary> metric) {
        Optional<Summary> a = measurements.summary(tool, phase);
        Optional<Summary> b = measurements.summary(base, phase);
        if (a.isEmpty() || b.isEmpty() || metric.applyAsDouble(b.get()) <= 0) {
            return Optional.empty();
        }
        return Optional.of(metric.applyAsDouble(a.get()) / metric.applyAsDouble(b.get()));
    }

    private static String times(Optional<Double> ratio) {
        return ratio.map(r -> String.format(Locale.ROOT, "%.2fx", r)).orElse("-");
    }

    static String verdict(Optional<Double> ratio, double limit) {
        return ratio.map(r -> String.format(Locale.ROOT, "%.2fx %s", r, r <= limit ? "PASS" : "MISS"))
                .orElse("n/a");
    }
}
