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
 * @param buildDeferredAtOnce build deferred IVFFlat indexes when their revision runs, whatever the rows: for
 *                    replaying the chain on a scratch database, where the schema matters and the tables are empty
 */
public record RunOptions(Duration lockWait, String toolVersion, boolean resume, RetryPolicy retry,
                         boolean buildDeferredAtOnce) {
    public RunOptions {
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(retry, "retry");
    }

    public RunOptions(Duration lockWait, String toolVersion, boolean resume, RetryPolicy retry) {
        this(lockWait, toolVersion, resume, retry, false);
    }

    /** The same options, building deferred indexes at once (scratch replays). */
    public RunOptions withDeferredBuildsAtOnce() {
        return new RunOptions(lockWait, toolVersion, resume, retry, true);
    }

    /** With the default retry policy. */
    public RunOptions(Duration lockWait, String toolVersion, boolean resume) {
        this(lockWait, toolVersion, resume, RetryPolicy.DEFAULT);
    }
}
