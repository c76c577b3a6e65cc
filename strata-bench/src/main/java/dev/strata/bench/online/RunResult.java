package dev.strata.bench.online;

import java.util.Objects;

/**
 * One change made in one mode under load.
 *
 * @param op            the change
 * @param mode          how it was made
 * @param changeNanos   how long the change itself took
 * @param stats         what the application's writes saw
 * @param inPlace       whether the catalog showed the change completely in place afterwards
 * @param failure       why the change itself failed, or null
 * @param server        what the server did during the change (strategy run, WAL written, checkpoints, the worst
 *                      write's time into the change), for the report; may be empty
 */
record RunResult(OnlineOp op, Mode mode, long changeNanos, WindowStats stats, boolean inPlace, String failure,
                 String server) {
    RunResult(OnlineOp op, Mode mode, long changeNanos, WindowStats stats, boolean inPlace, String failure) {
        this(op, mode, changeNanos, stats, inPlace, failure, "");
    }


    /** Target for the Strata side: the worst write at most this long. */
    static final long MAX_WRITE_NANOS = 100_000_000L;

    /** Target for the Strata side: the change at most this many times the naive statement's duration. */
    static final double MAX_SLOWDOWN = 2.0;

    RunResult {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(stats, "stats");
        server = server == null ? "" : server;
    }
}
