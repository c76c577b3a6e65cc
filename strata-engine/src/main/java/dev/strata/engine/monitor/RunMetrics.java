package dev.strata.engine.monitor;

import dev.strata.run.StepMetrics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one upgrade or downgrade measured, per run and per revision.
 *
 * @param direction   {@code upgrade} or {@code downgrade}
 * @param target      the target asked for
 * @param environment the environment ({@code development} unless chosen)
 * @param database    the named database ({@code -n}), or {@code default}
 * @param startedAt   when the run started
 * @param durationMs  how long it took, connecting and checks included
 * @param status      {@code ok}, {@code failed}, or {@code nothing} (already at the target)
 * @param error       the failure's message (passwords masked), or null
 * @param errorCode   the failure's error code, or null
 * @param revisions   each revision that ran (or failed), in order, with its measurements
 */
public record RunMetrics(String direction, String target, String environment, String database, Instant startedAt,
                         long durationMs, String status, String error, String errorCode, List<StepMetrics> revisions) {
    public RunMetrics {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        revisions = List.copyOf(revisions);
    }

    /** Whether the run failed. */
    public boolean failed() {
        return status.equals("failed");
    }

    public long rowsAffected() {
        return revisions.stream().mapToLong(StepMetrics::rowsAffected).sum();
    }

    public long lockWaitMs() {
        return revisions.stream().mapToLong(StepMetrics::lockWaitMs).sum();
    }

    public int lockRetries() {
        return revisions.stream().mapToInt(StepMetrics::lockRetries).sum();
    }

    /** The revisions that ended {@code ok}. */
    public long applied() {
        return revisions.stream().filter(r -> r.status().equals("ok")).count();
    }
}
