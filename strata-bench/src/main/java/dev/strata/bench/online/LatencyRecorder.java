package dev.strata.bench.online;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Records every write of one load window: when it was scheduled, when it finished, whether it failed.
 * Keeping all samples (a few tens of thousands per window) gives exact percentiles and lets the report
 * pick the writes that overlapped the change. Thread-safe; the first few distinct error messages are kept.
 */
final class LatencyRecorder {

    private static final int MAX_ERROR_SAMPLES = 3;

    private long[] scheduled = new long[4096];
    private long[] finished = new long[4096];
    private boolean[] failed = new boolean[4096];
    private int size;
    private final Set<String> errorSamples = new LinkedHashSet<>();

    synchronized void record(long scheduledNanos, long finishedNanos, String error) {
        if (size == scheduled.length) {
            scheduled = Arrays.copyOf(scheduled, size * 2);
            finished = Arrays.copyOf(finished, size * 2);
            failed = Arrays.copyOf(failed, size * 2);
        }
        scheduled[size] = scheduledNanos;
        finished[size] = finishedNanos;
        failed[size] = error != null;
        size++;
        if (error != null && errorSamples.size() < MAX_ERROR_SAMPLES) {
            errorSamples.add(error);
        }
    }

    /**
     * Statistics over the writes in flight at some point in {@code [fromNanos, toNanos]} (scheduled before
     * its end, finished after its start); errors and the worst latency are also given over the whole window.
     */
    synchronized WindowStats summarize(long fromNanos, long toNanos) {
        long[] during = new long[size];
        int n = 0;
        int errors = 0;
        long windowMax = 0;
        for (int i = 0; i < size; i++) {
            long latency = finished[i] - scheduled[i];
            windowMax = Math.max(windowMax, latency);
            if (failed[i]) {
                errors++;
            }
            if (scheduled[i] <= toNanos && finished[i] >= fromNanos) {
                during[n++] = latency;
            }
        }
        long[] sorted = Arrays.copyOf(during, n);
        Arrays.sort(sorted);
        return new WindowStats(n, size, errors, percentile(sorted, 50), percentile(sorted, 99),
                n == 0 ? 0 : sorted[n - 1], windowMax, List.copyOf(new ArrayList<>(errorSamples)));
    }

    /**
     * When the worst write in flight during {@code [fromNanos, toNanos]} was scheduled, as seconds into the change
     * (negative: before it), with its latency: to line spikes up with the change's steps and the server's log.
     */
    synchronized String worstAt(long fromNanos, long toNanos) {
        int worst = -1;
        for (int i = 0; i < size; i++) {
            if (scheduled[i] <= toNanos && finished[i] >= fromNanos
                    && (worst < 0 || finished[i] - scheduled[i] > finished[worst] - scheduled[worst])) {
                worst = i;
            }
        }
        if (worst < 0) {
            return "-";
        }
        return String.format(java.util.Locale.ROOT, "%+.2f s (%.1f ms) of %.2f s", (scheduled[worst] - fromNanos) / 1e9,
                (finished[worst] - scheduled[worst]) / 1e6, (toNanos - fromNanos) / 1e9);
    }

    /** The writes in flight during {@code [fromNanos, toNanos]} slower than {@code slowNanos}: {scheduled, finished}. */
    synchronized java.util.List<long[]> slowWrites(long fromNanos, long toNanos, long slowNanos) {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (scheduled[i] <= toNanos && finished[i] >= fromNanos && finished[i] - scheduled[i] > slowNanos) {
                out.add(new long[] {scheduled[i], finished[i]});
            }
        }
        out.sort(java.util.Comparator.comparingLong(w -> w[0]));
        return out;
    }

    /** Nearest-rank percentile of ascending {@code sorted}; 0 when empty. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
