package dev.strata.bench.online;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints the results as a fixed-width table and, for every Strata row, whether it met the targets:
 * worst write in flight during the change at most 100 ms, no failed write in the whole window, change at
 * most 2x the naive statement of the same op. The window's worst write (settling time included) is shown
 * next to it: on a busy machine it shows the noise floor that the change has nothing to do with.
 */
final class ResultTable {

    private ResultTable() {
    }

    static final String HEADER = String.format(Locale.ROOT, "%-20s %-6s %9s %7s %6s %8s %8s %8s %9s  %s",
            "operation", "mode", "change", "writes", "errors", "p50", "p99", "max", "win max", "verdict");

    /** Prints the table; returns true when every Strata row met every target. */
    static boolean print(List<RunResult> results, PrintStream out) {
        out.println(HEADER);
        boolean allMet = true;
        for (RunResult r : results) {
            String verdict = verdict(r, results);
            allMet &= !verdict.startsWith("MISS") && !verdict.startsWith("FAILED");
            WindowStats s = r.stats();
            out.println(String.format(Locale.ROOT, "%-20s %-6s %9s %7d %6d %8s %8s %8s %9s  %s",
                    r.op().label(), r.mode().label(), seconds(r.changeNanos()), s.writes(), s.errors(),
                    millis(s.p50()), millis(s.p99()), millis(s.max()), millis(s.windowMax()), verdict));
        }
        for (RunResult r : results) {
            if (!r.server().isEmpty()) {
                out.println("  " + r.op().label() + " " + r.mode().label() + ": " + r.server());
            }
        }
        for (RunResult r : results) {
            targets(r, results, out);
        }
        for (RunResult r : results) {
            for (String error : r.stats().errorSamples()) {
                out.println("  " + r.op().label() + " " + r.mode().label() + " write error: " + error);
            }
            if (r.failure() != null) {
                out.println("  " + r.op().label() + " " + r.mode().label() + " change failed: " + r.failure());
            }
        }
        return allMet;
    }

    static String verdict(RunResult r, List<RunResult> all) {
        if (r.failure() != null) {
            return "FAILED";
        }
        if (!r.inPlace()) {
            return "FAILED: change not in place";
        }
        if (!r.mode().isStrata()) {
            return "";
        }
        StringBuilder misses = new StringBuilder();
        if (r.stats().max() > RunResult.MAX_WRITE_NANOS) {
            misses.append(" write>100ms");
        }
        if (r.stats().errors() > 0) {
            misses.append(" errors");
        }
        String ratio = "";
        for (RunResult naive : all) {
            if (naive.op() == r.op() && naive.mode() == Mode.NAIVE && naive.failure() == null && naive.changeNanos() > 0) {
                double x = (double) r.changeNanos() / naive.changeNanos();
                ratio = String.format(Locale.ROOT, " (%.1fx naive)", x);
                // changes under 100 ms are metadata-only in both modes: a ratio of milliseconds says nothing
                if (x > RunResult.MAX_SLOWDOWN && r.changeNanos() > RunResult.MAX_WRITE_NANOS) {
                    misses.append(" slower>2x");
                }
            }
        }
        return (misses.length() == 0 ? "met" : "MISS:" + misses) + ratio;
    }

    /** One PASS or MISS line per target of a Strata row. */
    static void targets(RunResult r, List<RunResult> all, PrintStream out) {
        if (!r.mode().isStrata()) {
            return;
        }
        String name = r.op().label() + " " + r.mode().label();
        if (r.failure() != null || !r.inPlace()) {
            out.println("MISS " + name + ": the change failed or is not in place");
            return;
        }
        WindowStats s = r.stats();
        out.println((s.max() <= RunResult.MAX_WRITE_NANOS ? "PASS " : "MISS ") + name + ": worst write during the change "
                + millis(s.max()) + " (target <= 100 ms)");
        out.println((s.errors() == 0 ? "PASS " : "MISS ") + name + ": " + s.errors() + " failed writes (target 0)");
        for (RunResult naive : all) {
            if (naive.op() == r.op() && naive.mode() == Mode.NAIVE && naive.failure() == null && naive.changeNanos() > 0) {
                double x = (double) r.changeNanos() / naive.changeNanos();
                // a change of under 100 ms is metadata-only in both modes: its ratio of milliseconds says nothing
                boolean instant = r.changeNanos() <= RunResult.MAX_WRITE_NANOS;
                boolean met = x <= RunResult.MAX_SLOWDOWN || instant;
                out.println((met ? "PASS " : "MISS ") + name + String.format(Locale.ROOT,
                        ": change %s = %.2fx the naive statement's %s (target <= 2x%s)", seconds(r.changeNanos()), x,
                        seconds(naive.changeNanos()), instant && x > RunResult.MAX_SLOWDOWN
                                ? ", or under 0.1 s: metadata only" : ""));
            }
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String millis(long nanos) {
        return nanos >= 10_000_000_000L
                ? String.format(Locale.ROOT, "%.1f s", nanos / 1e9)
                : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
