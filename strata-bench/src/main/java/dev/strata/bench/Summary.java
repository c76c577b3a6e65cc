package dev.strata.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Medians over the measured runs of one tool in one phase.
 *
 * @param runs            how many runs the medians are taken over, at least 1
 * @param inProcessMillis median time measured inside the child (JVM start excluded)
 * @param processMillis   median time the parent saw (JVM start and exit included)
 * @param peakRssMb       median peak resident set size in MiB
 * @param cpuSeconds      median CPU time (user + system) in seconds, -1 when unknown
 */
public record Summary(int runs, double inProcessMillis, double processMillis, double peakRssMb, double cpuSeconds) {

    public Summary {
        if (runs < 1) {
            throw new IllegalArgumentException("a summary needs at least one run");
        }
    }

    /** Summarises a non-empty list of runs. */
    public static Summary of(List<ChildRun> runs) {
        List<Double> inside = new ArrayList<>();
        List<Double> process = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (ChildRun run : runs) {
            cpu.add(run.cpuSeconds());
            inside.add(run.report().millis());
            process.add(run.processMillis());
            rss.add(run.report().peakRssKb() / 1024.0);
        }
        return new Summary(runs.size(), median(inside), median(process), median(rss), median(cpu));
    }

    /** The middle value, or the mean of the two middle values for an even count. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
