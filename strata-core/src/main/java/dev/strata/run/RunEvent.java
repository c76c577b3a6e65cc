package dev.strata.run;

import dev.strata.graph.Step;
import dev.strata.script.MigrationScript;

/**
 * What a run reports as it goes; the CLI renders these, the library never prints.
 */
public sealed interface RunEvent {

    /** Another runner holds the migration lock; we are waiting for it. */
    record LockWaiting(LockHolder holder) implements RunEvent {
    }

    /** A run is about to apply {@code steps} (after the lock, the history and the checks), all in {@code direction}. */
    record RunStarted(dev.strata.graph.Direction direction, java.util.List<Step> steps) implements RunEvent {
        public RunStarted {
            steps = java.util.List.copyOf(steps);
        }
    }

    /** A run applied all its steps in {@code millis}. */
    record RunFinished(dev.strata.graph.Direction direction, java.util.List<Step> steps, long millis) implements RunEvent {
        public RunFinished {
            steps = java.util.List.copyOf(steps);
        }
    }

    /**
     * A step failed; the run stops and its error follows as an exception (what failed, where, what to do).
     * Steps before it stay applied.
     */
    record StepFailed(Step step, MigrationScript script, String error) implements RunEvent {
    }

    /** A step is about to run. */
    record StepStarted(Step step, MigrationScript script, int index, int count) implements RunEvent {
    }

    /**
     * What a step measured (duration, rows, lock waits, sizes, index builds, backfills, verification); sent when it
     * finished, failed or stopped part way, before {@link StepFinished} or {@link StepFailed}.
     */
    record StepMeasured(Step step, StepMetrics metrics) implements RunEvent {
    }

    /** A step finished; its statements ran in {@code millis}. */
    record StepFinished(Step step, MigrationScript script, long millis) implements RunEvent {
    }

    /**
     * A statement gave up waiting for a lock (lock_timeout); the step is tried again after {@code delay}.
     * {@code where} is file:line of the statement.
     */
    record LockRetry(Step step, String where, int attempt, int maxAttempts, java.time.Duration delay,
                     String serverMessage) implements RunEvent {
    }

    /** An INVALID index left by an earlier failed concurrent build was dropped before building it again. */
    record InvalidIndexDropped(Step step, String index) implements RunEvent {
    }

    /** A batched backfill committed another batch. */
    record BackfillProgress(Step step, String table, Target.BackfillProgress progress) implements RunEvent {
    }

    /** Nothing to do: the database is already where the target says. */
    record NothingToDo(String why) implements RunEvent {
    }

    /**
     * A message for people about what the engine is doing around a run (which database it connected to,
     * scratch databases, a warning about the inputs); front ends show it by level, the library never prints.
     */
    record Notice(Level level, String text) implements RunEvent {
        /** How prominent a notice is: DEBUG only in verbose output, WARNING always. */
        public enum Level { DEBUG, INFO, WARNING }

        public Notice {
            java.util.Objects.requireNonNull(level, "level");
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A pgvector build left for later: the table has {@code rows} of the {@code minRows} it needs (step null when
     * found pending by a later upgrade).
     */
    record IndexDeferred(Step step, String index, String table, long rows, long minRows) implements RunEvent {
    }

    /** A warning one of Strata's own checks raised while a statement ran (the build memory estimate, say). */
    record Warning(Step step, String message) implements RunEvent {
    }

    /** Progress of a concurrent index build (step null for a deferred build run by a later upgrade). */
    record IndexBuildProgress(Step step, String index, Target.IndexProgress progress) implements RunEvent {
    }

    /** A deferred pgvector build that ran, online, once its table had enough rows. */
    record DeferredIndexBuilt(String index, String table, long millis) implements RunEvent {
    }
}
