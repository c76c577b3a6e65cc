package dev.strata.run;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run behaves.
 *
 * @param lockWait    how long to wait for another runner's lock before giving up
 * @param toolVersion the Strata version recorded in history
 * @param resume      resume a revision left half-applied at the statement that failed, instead of refusing
 * @param retry       what to do when a statement's lock_timeout runs out
 */
public record RunOptions(Duration lockWait, String toolVersion, boolean resume, RetryPolicy retry) {
    public RunOptions {
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(retry, "retry");
    }

    /** With the default retry policy. */
    public RunOptions(Duration lockWait, String toolVersion, boolean resume) {
        this(lockWait, toolVersion, resume, RetryPolicy.DEFAULT);
    }
}
