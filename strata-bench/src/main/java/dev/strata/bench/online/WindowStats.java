package dev.strata.bench.online;

import java.util.List;

/**
 * What the application's writes saw in one load window. Latencies are nanoseconds measured from each
 * write's scheduled start (open loop), so a stalled write counts its time waiting in the queue too.
 *
 * @param writes       writes in flight during the change
 * @param windowWrites all writes of the window (warm-up, change, cool-down)
 * @param errors       failed writes over the whole window
 * @param p50          median latency of the writes during the change
 * @param p99          99th percentile latency of the writes during the change
 * @param max          worst latency of the writes during the change
 * @param windowMax    worst latency over the whole window
 * @param errorSamples the first few distinct error messages, for the report
 */
record WindowStats(int writes, int windowWrites, int errors, long p50, long p99, long max, long windowMax,
                   List<String> errorSamples) {
    WindowStats {
        if (writes < 0 || windowWrites < writes || errors < 0) {
            throw new IllegalArgumentException("counts must be non-negative and writes within the window");
        }
        errorSamples = List.copyOf(errorSamples);
    }
}
