package dev.strata.run;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Direction;
import dev.strata.graph.Step;
import dev.strata.run.HistoryEntry.Action;
import dev.strata.run.HistoryEntry.Status;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.script.MigrationScript;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Runs one step's planned statements with their transaction modes, verifies it, measures it and records the outcome.
 *
 * <p>When every statement may share a transaction, the body, its verification and its bookkeeping commit together
 * or not at all. Otherwise the plan runs unit by unit (a group of transactional statements, a statement in its
 * own transaction, one outside any, or a batched backfill), the verification runs after the last unit in a
 * transaction of its own that is rolled back, and the outcome is recorded afterwards; a failure part way records how
 * many statements took effect, so the revision can be repaired or resumed. A failed verification of such a revision
 * records all its statements as run but the revision as not applied ({@code partial}): {@code upgrade --resume}
 * verifies it again, {@code repair} lets it run again from the start. A lock timeout (55P03) is retried after a
 * growing pause; a retry never repeats what took effect. Every outcome carries the step's {@link StepMetrics}.
 */
final class StepExecutor {
    private final Target target;
    private final RetryPolicy retry;
    private final RunListener listener;
    private final Clock clock;
    private final Runner.Sleeper sleeper;
    private final boolean deferredAtOnce;
    private final boolean verify;

    StepExecutor(Target target, RetryPolicy retry, RunListener listener, Clock clock, Runner.Sleeper sleeper,
                 boolean deferredAtOnce, boolean verify) {
        this.deferredAtOnce = deferredAtOnce;
        this.verify = verify;
        this.target = target;
        this.retry = retry;
        this.listener = listener;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs one step, skipping its first {@code skip} statements (resume); returns the time its statements took. */
    long run(Step step, MigrationScript script, int skip) {
        boolean up = step.direction() == Direction.UP;
        List<Statement> all = up ? script.upgradePlan() : script.downgradePlan().orElseThrow();
        List<Statement> checks = up && verify ? script.verifyPlan() : List.of();
        Action action = up ? Action.UPGRADE : Action.DOWNGRADE;
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        int from = Math.min(skip, all.size());
        // deferred index builds are no part of the revision's transaction: they run (or are deferred) after it
        List<Statement> deferred = all.stream().filter(st -> st.deferredBuild() != null).toList();
        List<Statement> body = deferred.isEmpty() ? all : all.stream().filter(st -> st.deferredBuild() == null).toList();
        boolean oneTransaction = body.stream().allMatch(st -> st.tx() == Tx.IN_TRANSACTION)
                && (deferred.isEmpty() || from == 0) && checks.stream().allMatch(st -> st.tx() == Tx.IN_TRANSACTION);
        // in one transaction the target reads the sizes before with the first statement (no round trip of their own)
        StepMeasure m = new StepMeasure(step, target, all, t0, !oneTransaction);
        if (oneTransaction) {
            // the common case: the body, its verification and its bookkeeping commit together, or not at all
            List<Statement> statements = body.subList(Math.min(from, body.size()), body.size());
            HistoryEntry ok = entry(step, script, action, started, -1, Status.OK, null, all.size(), all.size());
            for (int attempt = 1; ; attempt++) {
                long a0 = System.nanoTime();
                target.takeStats();
                StepMetrics[] done = new StepMetrics[1];
                Bookkeeping.Completion complete = e -> {
                    m.add(target.takeStats());
                    m.verified(checks.size(), null);
                    done[0] = m.finish(Status.OK);
                    return e.withDetails(done[0].toJson());
                };
                try {
                    target.runInTransaction(statements, checks, new Bookkeeping(step.removeHeads(), step.addHeads(), ok,
                            complete), m.beforeNames(), m::before);
                    warnings(step);
                    if (done[0] == null) {
                        // a target that writes no live bookkeeping (offline SQL) never completes the entry
                        m.verified(checks.size(), null);
                        done[0] = m.finish(Status.OK);
                    }
                    listener.on(new RunEvent.StepMeasured(step, done[0]));
                    afterCommit(step, deferred);
                    return millis(t0);
                } catch (VerificationFailedException e) {
                    target.takeStats();
                    String error = "verification " + describe(checks.get(e.index()), e);
                    m.verified(checks.size(), error);
                    recordFailure(step, script, action, started, t0, Status.FAILED, error, skip, all.size(), m);
                    throw failure(ErrorCode.VERIFICATION_FAILED, step, error, "nothing of it was applied (the"
                            + " transaction was rolled back); fix the revision or the data it expects", e);
                } catch (StatementFailedException e) {
                    target.takeStats();
                    Statement failed = statements.get(Math.min(e.index(), statements.size() - 1));
                    if (retryable(e, attempt)) {
                        pause(step, failed, e, attempt, m, a0);
                        continue;
                    }
                    String error = describe(failed, e);
                    recordFailure(step, script, action, started, t0, Status.FAILED, error, skip, all.size(), m);
                    throw failure(ErrorCode.STATEMENT_FAILED, step, error,
                            "nothing of it was applied (the transaction was rolled back)", e);
                }
            }
        }
        int done = from;
        int attempt = 1;
        target.takeStats();
        while (done < all.size()) {
            Statement statement = all.get(done);
            int end = done + 1;
            if (statement.tx() == Tx.IN_TRANSACTION) {
                while (end < all.size() && all.get(end).tx() == Tx.IN_TRANSACTION) {
                    end++;
                }
            }
            List<Statement> unit = all.subList(done, end);
            long a0 = System.nanoTime();
            try {
                runUnit(step, unit, m);
                m.add(target.takeStats());
                warnings(step);
                done = end;
                attempt = 1;
            } catch (StatementFailedException e) {
                Statement failed = unit.get(Math.min(e.index(), unit.size() - 1));
                // what ran before the failing statement of a unit outside a transaction did take effect
                Target.StatementStats partial = target.takeStats();
                if (statement.tx() == Tx.NO_TRANSACTION) {
                    m.add(partial);
                }
                if (retryable(e, attempt)) {
                    pause(step, failed, e, attempt++, m, a0);
                    continue;
                }
                String error = describe(failed, e);
                Status status = done > 0 ? Status.PARTIAL : Status.FAILED;
                recordFailure(step, script, action, started, t0, status, error, done, all.size(), m);
                String after = done > 0
                        ? done + " of " + all.size() + " statements had run (they do not share one transaction); the"
                        + " database is marked as needing repair: fix the cause, then `strata upgrade --resume` or"
                        + " `strata repair`"
                        : "no statement of it had taken effect";
                throw failure(ErrorCode.STATEMENT_FAILED, step, error, after, e);
            }
        }
        if (!checks.isEmpty()) {
            try {
                target.verify(checks);
                m.verified(checks.size(), null);
            } catch (VerificationFailedException e) {
                String error = "verification " + describe(checks.get(e.index()), e);
                m.verified(checks.size(), error);
                Status status = all.isEmpty() ? Status.FAILED : Status.PARTIAL;
                recordFailure(step, script, action, started, t0, status, error, all.size(), all.size(), m);
                throw failure(ErrorCode.VERIFICATION_FAILED, step, error, "its " + all.size() + " statement(s) took"
                        + " effect (they do not share one transaction) but the revision is not recorded as applied; the"
                        + " database is marked as needing repair: fix the cause, then `strata upgrade --resume` (verifies"
                        + " again) or `strata repair` (runs it again from its first statement)", e);
            }
        }
        long ms = millis(t0);
        StepMetrics metrics = m.finish(Status.OK);
        target.record(new Bookkeeping(step.removeHeads(), step.addHeads(),
                entry(step, script, action, started, ms, Status.OK, null, all.size(), all.size())
                        .withDetails(metrics.toJson())));
        listener.on(new RunEvent.StepMeasured(step, metrics));
        return ms;
    }

    /** The deferred builds of a revision that has committed: a failure leaves the revision applied and the index pending. */
    private void afterCommit(Step step, List<Statement> deferred) {
        for (Statement s : deferred) {
            try {
                DeferredBuilds.runOrDefer(target, listener, step, s, deferredAtOnce);
                warnings(step);
            } catch (StatementFailedException e) {
                throw new StrataException(ErrorCode.STATEMENT_FAILED, "revision " + step.id() + " was applied, but"
                        + " its deferred index build failed at " + describe(s, e) + "; the index stays pending: fix the"
                        + " cause and run `strata upgrade` again to build it", e);
            }
        }
    }

    /** Records a failed or partial step with what it measured, and tells the listener. */
    private void recordFailure(Step step, MigrationScript script, Action action, Instant started, long t0, Status status,
                               String error, int run, int total, StepMeasure m) {
        StepMetrics metrics = m.finish(status);
        target.record(Bookkeeping.historyOnly(entry(step, script, action, started, millis(t0), status, error, run,
                total).withDetails(metrics.toJson())));
        listener.on(new RunEvent.StepMeasured(step, metrics));
    }

    /** Runs one unit of a mixed plan: a group of transactional statements, or one statement of another mode. */
    private void runUnit(Step step, List<Statement> unit, StepMeasure m) {
        Statement first = unit.get(0);
        Tx tx = first.tx();
        if (tx == Tx.IN_TRANSACTION || tx == Tx.OWN_TRANSACTION) {
            target.runInTransaction(unit, null);
        } else if (tx == Tx.NO_TRANSACTION && first.deferredBuild() != null) {
            DeferredBuilds.runOrDefer(target, listener, step, first, deferredAtOnce);
        } else if (tx == Tx.NO_TRANSACTION) {
            String index = ConcurrentIndex.name(first.sql());
            if (index != null && target.dropInvalidIndex(index)) {
                listener.on(new RunEvent.InvalidIndexDropped(step, index));
            }
            if (index != null) {
                target.runIndexBuild(first, p -> listener.on(new RunEvent.IndexBuildProgress(step, index, p)));
            } else {
                target.runEach(unit);
            }
        } else if (tx == Tx.BATCHED) {
            long b0 = System.nanoTime();
            long rows = target.runBackfill(first.backfill(), p -> listener.on(new RunEvent.BackfillProgress(step,
                    first.backfill().table(), p)));
            m.backfill(first.backfill().table(), rows, millis(b0));
        } else {
            throw new IllegalStateException("unknown transaction mode " + tx);
        }
    }

    private void warnings(Step step) {
        target.takeWarnings().forEach(w -> listener.on(new RunEvent.Warning(step, w)));
    }

    private boolean retryable(StatementFailedException e, int attempt) {
        return RetryPolicy.LOCK_NOT_AVAILABLE.equals(e.sqlState()) && attempt < retry.maxAttempts();
    }

    /** Waits before a retry; the failed attempt and the pause count as time lost to locks. */
    private void pause(Step step, Statement statement, StatementFailedException e, int attempt, StepMeasure m, long a0) {
        java.time.Duration delay = retry.delayAfter(attempt);
        listener.on(new RunEvent.LockRetry(step, statement.source(), attempt,
                retry.maxAttempts(), delay, e.serverMessage()));
        sleeper.sleep(delay);
        m.lockRetry(millis(a0));
    }

    private static HistoryEntry entry(Step step, MigrationScript script, Action action, Instant started, long ms,
                                      Status status, String error, int run, int total) {
        return new HistoryEntry(step.id().value(), action, script.revision().message(), script.checksum().hex(),
                started, ms, status, error, run, total);
    }

    private static String describe(Statement statement, StatementFailedException e) {
        return statement.source() + ": " + e.serverMessage();
    }

    private static StrataException failure(ErrorCode code, Step step, String error, String consequence,
                                           Throwable cause) {
        String verb = step.direction() == Direction.UP ? "upgrade" : "downgrade";
        return new StrataException(code, verb + " of revision " + step.id() + " failed at "
                + error + "; " + consequence, cause);
    }

    static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
