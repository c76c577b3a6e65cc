package dev.strata.engine.logging;

import dev.strata.graph.Direction;
import dev.strata.graph.Step;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A {@link RunListener} that writes each {@link RunEvent} as one SLF4J log line: a run's start and end, each
 * revision and lock waits at INFO, lock retries, warnings and failures at WARN/ERROR, progress of index builds
 * and backfills at DEBUG. The engine itself never logs or prints; an application adds this listener to see its
 * runs in its own log. Waiting for another runner's lock is logged at most every 5 seconds.
 *
 * <p>Only slf4j-api is used: with no SLF4J binding on the class path the lines are dropped (SLF4J says so once).
 */
public final class RunLogger implements RunListener {
    /** The logger name used by {@link #RunLogger()}. */
    public static final String DEFAULT_LOGGER = "dev.strata";

    private final Logger log;
    private long lastWaitLogged;

    /** Logs to the logger {@value #DEFAULT_LOGGER}. */
    public RunLogger() {
        this(LoggerFactory.getLogger(DEFAULT_LOGGER));
    }

    /** Logs to {@code log}. */
    public RunLogger(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            log.info("Strata: {} {} revision(s): {}", verb(e.direction()), e.steps().size(),
                    e.steps().stream().map(s -> s.revision().id().value()).collect(Collectors.joining(", ")));
        } else if (event instanceof RunEvent.StepStarted e) {
            log.debug("Strata: {} {} ({}/{}) {}", verb(e.step().direction()), id(e.step()), e.index(), e.count(),
                    e.step().revision().message());
        } else if (event instanceof RunEvent.StepFinished e) {
            log.info("Strata: {} {} in {} ms: {}", done(e.step().direction()), id(e.step()), e.millis(),
                    e.step().revision().message());
        } else if (event instanceof RunEvent.StepFailed e) {
            log.error("Strata: {} {} failed: {}", verb(e.step().direction()), id(e.step()), e.error());
        } else if (event instanceof RunEvent.RunFinished e) {
            log.info("Strata: {} {} revision(s) in {} ms", done(e.direction()), e.steps().size(), e.millis());
        } else if (event instanceof RunEvent.NothingToDo e) {
            log.info("Strata: nothing to do: {}", e.why());
        } else if (event instanceof RunEvent.LockWaiting e) {
            logWaiting(e);
        } else if (event instanceof RunEvent.LockRetry e) {
            log.warn("Strata: {} at {} gave up waiting for a lock ({}); retry {}/{} in {} ms", id(e.step()), e.where(),
                    e.serverMessage(), e.attempt(), e.maxAttempts(), e.delay().toMillis());
        } else if (event instanceof RunEvent.InvalidIndexDropped e) {
            log.warn("Strata: {} dropped the invalid index {} left by an earlier failed build", id(e.step()), e.index());
        } else if (event instanceof RunEvent.BackfillProgress e) {
            log.debug("Strata: {} backfilling {}: {} rows in {} batches", id(e.step()), e.table(),
                    e.progress().rowsDone(), e.progress().batches());
        } else if (event instanceof RunEvent.IndexBuildProgress e) {
            log.debug("Strata: building {}: {} ({}/{} blocks)", e.index(), e.progress().phase(),
                    e.progress().blocksDone(), e.progress().blocksTotal());
        } else if (event instanceof RunEvent.IndexDeferred e) {
            log.warn("Strata: index {} on {} deferred: the table has {} of the {} rows it needs; a later upgrade builds it",
                    e.index(), e.table(), e.rows(), e.minRows());
        } else if (event instanceof RunEvent.DeferredIndexBuilt e) {
            log.info("Strata: built the deferred index {} on {} in {} ms", e.index(), e.table(), e.millis());
        } else if (event instanceof RunEvent.Warning e) {
            log.warn("Strata: {}{}", e.step() == null ? "" : id(e.step()) + ": ", e.message());
        } else if (event instanceof RunEvent.Notice e) {
            logNotice(e);
        } else if (event instanceof RunEvent.StepMeasured e) {
            var m = e.metrics();
            log.debug("Strata: {} measured: {} ms, {} row(s), {} ms waiting for locks ({} retries), {} index build(s)",
                    id(e.step()), m.durationMs(), m.rowsAffected(), m.lockWaitMs(), m.lockRetries(),
                    m.indexBuilds().size());
        } else {
            throw new IllegalStateException("unhandled run event " + event.getClass().getName());
        }
    }

    private synchronized void logWaiting(RunEvent.LockWaiting e) {
        long now = System.currentTimeMillis();
        if (now - lastWaitLogged >= 5000) {
            lastWaitLogged = now;
            log.info("Strata: waiting for the migration lock, held by {}", e.holder().describe());
        }
    }

    private void logNotice(RunEvent.Notice e) {
        switch (e.level()) {
            case DEBUG -> log.debug("Strata: {}", e.text());
            case INFO -> log.info("Strata: {}", e.text());
            case WARNING -> log.warn("Strata: {}", e.text());
            default -> throw new IllegalStateException("unknown notice level " + e.level());
        }
    }

    private static String id(Step step) {
        return step.revision().id().value();
    }

    private static String verb(Direction d) {
        return d == Direction.UP ? "upgrading" : "downgrading";
    }

    private static String done(Direction d) {
        return d == Direction.UP ? "applied" : "reverted";
    }
}
