package dev.strata.run;

import java.time.Duration;
import java.util.Objects;

/**
 * How a step is retried when a statement gives up waiting for a lock (SQLSTATE 55P03, raised when the
 * session's short lock_timeout runs out). A statement that waits for a lock blocks every later query on
 * that table, so Strata waits briefly, gives up, and tries again after a growing pause: the table stays
 * usable between attempts. A retry never repeats a statement that took effect: a transactional step was
 * rolled back as a whole; a non-transactional one resumes at the statement that timed out.
 *
 * @param maxAttempts  attempts per statement or transaction, the first included (1 = no retry)
 * @param initialDelay pause after the first lock timeout
 * @param maxDelay     the pause doubles up to this
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    /** 10 attempts, pauses of 0.5 s doubling up to 10 s: about a minute of trying with a 2 s lock_timeout. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(10));

    /** SQLSTATE lock_not_available. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
    }

    /** The pause before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
    public Duration delayAfter(int attempt) {
        long ms = initialDelay.toMillis();
        for (int i = 1; i < attempt && ms < maxDelay.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }
}
