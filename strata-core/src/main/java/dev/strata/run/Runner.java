package dev.strata.run;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Direction;
import dev.strata.graph.RevisionId;
import dev.strata.graph.Step;
import dev.strata.run.HistoryEntry.Action;
import dev.strata.run.HistoryEntry.Status;
import dev.strata.script.MigrationScript;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies and reverts revisions against a {@link Target}: takes the lock before reading state, refuses
 * to run over a half-applied revision or an edited applied revision, plans the steps with the graph and
 * runs each one. A transactional step runs in one transaction together with its version and history
 * writes; a non-transactional step runs statement by statement and records its outcome afterwards.
 */
public final class Runner {
    private final MigrationSet set;
    private final Target target;
    private final RunOptions options;
    private final RunListener listener;
    private final Clock clock;
    private final StepExecutor executor;

    /** Pauses between retries; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(java.time.Duration d);
    }

    public Runner(MigrationSet set, Target target, RunOptions options, RunListener listener) {
        this(set, target, options, listener, Clock.systemUTC(), Runner::sleep);
    }

    Runner(MigrationSet set, Target target, RunOptions options, RunListener listener, Clock clock, Sleeper sleeper) {
        this.set = Objects.requireNonNull(set);
        this.target = Objects.requireNonNull(target);
        this.options = Objects.requireNonNull(options);
        this.listener = Objects.requireNonNull(listener);
        this.clock = clock;
        this.executor = new StepExecutor(target, options.retry(), listener, clock, sleeper, options.buildDeferredAtOnce(),
                options.verify());
    }

    private static void sleep(java.time.Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.INTERNAL, "interrupted while waiting to retry");
        }
    }

    /** Applies what the target needs; returns the steps that ran. */
    public List<Step> upgrade(String spec) {
        return locked(() -> {
            DatabaseState state = prepare(true);
            List<Step> steps = set.graph().upgradeSteps(state.heads(), spec);
            if (steps.isEmpty()) {
                deferredBuilds().buildReady(true);
                listener.on(new RunEvent.NothingToDo("already at " + spec));
                return steps;
            }
            for (Step step : steps) {
                MigrationScript script = set.script(step.id());
                if (!step.revision().isMerge() && script.upgradeIsEmpty()) {
                    throw new StrataException(ErrorCode.SCRIPT_SECTION_INVALID, "revision " + step.id() + " ("
                            + script.location() + ") has no statements in its upgrade section: write the SQL it"
                            + " applies, or delete the file if it is not needed; nothing was changed");
                }
            }
            checkPartial(state, steps);
            runSteps(state, steps);
            deferredBuilds().buildReady(false);
            return steps;
        });
    }

    /** The deferred pgvector builds of the applied revisions (pending work for {@code current} and {@code check}). */
    public DeferredBuilds deferredBuilds() {
        return new DeferredBuilds(set, target, listener);
    }

    /** Reverts down to the target; returns the steps that ran. Refuses before running anything if a step is irreversible. */
    public List<Step> downgrade(String spec) {
        return downgrade(spec, false);
    }

    /**
     * As {@link #downgrade(String)}; with {@code cascade}, revisions of other branches that depend on a reverted
     * one are reverted too, else the downgrade is refused naming them.
     */
    public List<Step> downgrade(String spec, boolean cascade) {
        return down(state -> set.graph().downgradeSteps(state.heads(), spec, cascade), spec);
    }

    /**
     * Reverts the one revision {@code id}, a current head, leaving the other heads applied (the stairway test's
     * step down); refused like a downgrade when the revision is irreversible.
     */
    public List<Step> revert(RevisionId id) {
        return down(state -> set.graph().revertSteps(state.heads(), id), id.value() + "'s parent");
    }

    private List<Step> down(java.util.function.Function<DatabaseState, List<Step>> plan, String spec) {
        return locked(() -> {
            DatabaseState state = prepare(false);
            List<Step> steps = plan.apply(state);
            if (steps.isEmpty()) {
                listener.on(new RunEvent.NothingToDo("already at " + spec));
                return steps;
            }
            for (Step step : steps) {
                MigrationScript script = set.script(step.id());
                if (!script.reversible()) {
                    throw new StrataException(ErrorCode.IRREVERSIBLE, "cannot downgrade to " + spec + ": revision "
                            + step.id() + " (" + script.location() + ") is irreversible: "
                            + script.irreversibleReason().orElse("no downgrade") + "; nothing was changed");
                }
            }
            checkPartial(state, steps);
            runSteps(state, steps);
            return steps;
        });
    }

    /**
     * Sets the version table to the target without running any revision (adopting an existing database,
     * or fixing the record by hand). Returns the heads afterwards.
     */
    public Set<RevisionId> stamp(String spec, boolean purge) {
        return stamp(List.of(spec), purge);
    }

    /** As {@link #stamp(String, boolean)} with several targets at once (e.g. two branch heads), as Alembic's stamp. */
    public Set<RevisionId> stamp(List<String> specs, boolean purge) {
        return locked(() -> stampLocked(specs, purge));
    }

    /**
     * As {@link #stamp(String, boolean)}, but only when the database is at base (no applied revision), checked
     * under the lock: of several runners adopting one database at once, one stamps and the others do nothing.
     * Returns the revisions the database is at after the stamp, or an empty set when it did nothing.
     */
    public Set<RevisionId> stampIfAtBase(String spec) {
        return locked(() -> {
            DatabaseState state = target.readState();
            if (state.tablesExist() && !state.heads().isEmpty()) {
                return Set.of();
            }
            return stampLocked(List.of(spec), false);
        });
    }

    private Set<RevisionId> stampLocked(List<String> specs, boolean purge) {
        String spec = String.join(" ", specs);
        // with --purge the version table may name revisions that no file defines: don't check it
        DatabaseState state = purge ? target.readState() : prepare(true);
        if (!state.tablesExist()) {
            target.ensureTables();
        }
        Set<RevisionId> before = purge ? Set.of() : state.heads();
        Set<RevisionId> after = set.graph().stampHeads(before, specs, purge);
        Set<RevisionId> appliedBefore = purge ? Set.of() : set.graph().applied(before);
        Set<RevisionId> appliedAfter = set.graph().applied(after);
        Instant now = clock.instant();
        // only what changes: a row deleted and inserted again in one statement would clash on the key
        List<RevisionId> remove = new ArrayList<>(state.heads());
        remove.removeIf(after::contains);
        remove.sort(Comparator.naturalOrder());
        List<RevisionId> add = new ArrayList<>(new TreeSet<>(after));
        add.removeIf(state.heads()::contains);
        List<Bookkeeping> records = new ArrayList<>();
        for (RevisionId id : ordered(appliedAfter)) {
            if (!appliedBefore.contains(id)) {
                MigrationScript s = set.script(id);
                records.add(Bookkeeping.historyOnly(new HistoryEntry(id.value(), Action.STAMP_UP,
                        s.revision().message(), s.checksum().hex(), now, 0, Status.OK, null, 0, 0)));
            }
        }
        List<RevisionId> gone = ordered(appliedBefore);
        java.util.Collections.reverse(gone);
        for (RevisionId id : gone) {
            if (!appliedAfter.contains(id)) {
                MigrationScript s = set.script(id);
                records.add(Bookkeeping.historyOnly(new HistoryEntry(id.value(), Action.STAMP_DOWN,
                        s.revision().message(), s.checksum().hex(), now, 0, Status.OK, null, 0, 0)));
            }
        }
        if (records.isEmpty() && new TreeSet<>(state.heads()).equals(new TreeSet<>(after))) {
            listener.on(new RunEvent.NothingToDo("already stamped at " + spec));
            return after;
        }
        // The first record carries the change of heads, so the version table moves in one transaction.
        HistoryEntry first = records.isEmpty()
                ? new HistoryEntry(String.join(" ", new TreeSet<>(after).stream().map(RevisionId::value).toList()),
                Action.STAMP_UP, "stamp " + spec, null, now, 0, Status.OK, null, 0, 0)
                : records.get(0).entry();
        target.record(new Bookkeeping(remove, add, first));
        for (int i = 1; i < records.size(); i++) {
            target.record(records.get(i));
        }
        return after;
    }

    /**
     * Marks half-applied revisions as resolved, so the next upgrade runs them again from the start.
     * Returns what was repaired, with the statements that had run.
     */
    public List<Repaired> repair() {
        return locked(() -> {
            DatabaseState state = target.readState();
            List<Repaired> out = new ArrayList<>();
            for (DatabaseState.PartialFailure p : state.partial()) {
                MigrationScript s = set.contains(p.revision()) ? set.script(p.revision()) : null;
                target.record(Bookkeeping.historyOnly(new HistoryEntry(p.revision().value(), Action.REPAIR,
                        s == null ? "" : s.revision().message(), s == null ? null : s.checksum().hex(), clock.instant(),
                        0, Status.OK, null, p.statementsRun(), p.statementsTotal())));
                out.add(new Repaired(p, s));
            }
            return out;
        });
    }

    /** Records the current checksum of an applied revision as the accepted one. */
    public void acceptChecksum(String spec) {
        locked(() -> {
            DatabaseState state = target.readState();
            RevisionId id = set.graph().resolve(spec).id();
            if (!set.graph().applied(state.heads()).contains(id)) {
                throw new StrataException(ErrorCode.TARGET_INVALID, "revision " + id
                        + " is not applied, so there is no checksum to accept; upgrade records its checksum");
            }
            MigrationScript s = set.script(id);
            target.record(Bookkeeping.historyOnly(new HistoryEntry(id.value(), Action.ACCEPT_CHECKSUM,
                    s.revision().message(), s.checksum().hex(), clock.instant(), 0, Status.OK, null, 0, 0)));
            return null;
        });
    }

    /** A revision that repair marked as resolved, with its script when it still exists on disk. */
    public record Repaired(DatabaseState.PartialFailure failure, MigrationScript script) {
    }

    // ---------------------------------------------------------------------------------------------

    private interface Body<T> {
        T run();
    }

    private <T> T locked(Body<T> body) {
        target.lock(options.lockWait(), holder -> listener.on(new RunEvent.LockWaiting(holder)));
        try {
            return body.run();
        } finally {
            target.unlock();
        }
    }

    /** Reads the state (creating Strata's tables when {@code create}) and checks it against the files. */
    private DatabaseState prepare(boolean create) {
        DatabaseState state = target.readState();
        if (!state.tablesExist() && create) {
            target.ensureTables();
            state = new DatabaseState(true, state.heads(), state.checksums(), state.partial());
        }
        checkKnownHeads(state);
        set.splitAllBut(checkChecksums(state));
        return state;
    }

    private void checkKnownHeads(DatabaseState state) {
        for (RevisionId head : new TreeSet<>(state.heads())) {
            if (!set.contains(head)) {
                throw new StrataException(ErrorCode.APPLIED_REVISION_MISSING, StrataException.Input.MIGRATIONS_DIR,
                        "the database is at revision " + head
                        + ", which is not in the migrations folder; check the migrations folder and the branch you are on,"
                        + " or fix the record with `strata stamp`");
            }
        }
    }

    /** Refuses an applied revision whose file changed; returns the applied revisions whose checksum matched. */
    private Set<RevisionId> checkChecksums(DatabaseState state) {
        Set<RevisionId> verified = new java.util.HashSet<>();
        for (RevisionId id : ordered(set.graph().applied(state.heads()))) {
            String stored = state.checksums().get(id);
            MigrationScript s = set.script(id);
            if (stored != null && stored.equals(s.checksum().hex())) {
                verified.add(id);
            }
            if (stored != null && !stored.equals(s.checksum().hex())) {
                throw new StrataException(ErrorCode.CHECKSUM_MISMATCH, "revision " + id + " (" + s.location()
                        + ") changed after it was applied: applied checksum " + stored + ", now "
                        + s.checksum().hex() + "; undo the edit and put the change in a new revision, or accept it with"
                        + " `strata repair --accept-checksum " + id + "`");
            }
        }
        return verified;
    }

    private void checkPartial(DatabaseState state, List<Step> steps) {
        for (DatabaseState.PartialFailure p : state.partial()) {
            boolean resumable = options.resume() && steps.get(0).id().equals(p.revision())
                    && steps.get(0).direction() == Direction.UP;
            if (!resumable) {
                String where = set.contains(p.revision()) ? " (" + set.script(p.revision()).location() + ")" : "";
                throw new StrataException(ErrorCode.NEEDS_REPAIR, "revision " + p.revision() + where
                        + " was applied only in part: " + p.statementsRun() + " of " + p.statementsTotal()
                        + " statements ran before it failed (" + p.error() + "); fix the cause, then run"
                        + " `strata upgrade --resume` to continue at the failed statement, or `strata repair`"
                        + " to mark it resolved and re-run it from the start");
            }
        }
    }

    private void runSteps(DatabaseState state, List<Step> steps) {
        long start = System.nanoTime();
        listener.on(new RunEvent.RunStarted(steps.get(0).direction(), steps));
        try (ReadAhead ahead = new ReadAhead(steps, step -> set.script(step.id()))) {
            runSteps(state, steps, ahead);
        }
        listener.on(new RunEvent.RunFinished(steps.get(0).direction(), steps, (System.nanoTime() - start) / 1_000_000));
    }

    private void runSteps(DatabaseState state, List<Step> steps, ReadAhead ahead) {
        int i = 0;
        for (Step step : steps) {
            MigrationScript script = set.script(step.id());
            // the next steps' statements are read on a second thread while this one runs on the server
            ahead.at(i);
            listener.on(new RunEvent.StepStarted(step, script, i++, steps.size()));
            int skip = 0;
            if (options.resume()) {
                for (DatabaseState.PartialFailure p : state.partial()) {
                    if (p.revision().equals(step.id()) && step.direction() == Direction.UP) {
                        skip = p.statementsRun();
                    }
                }
            }
            long ms;
            try {
                ms = executor.run(step, script, skip);
            } catch (RuntimeException e) {
                listener.on(new RunEvent.StepFailed(step, script, String.valueOf(e.getMessage())));
                throw e;
            }
            listener.on(new RunEvent.StepFinished(step, script, ms));
        }
    }

    /** The ids in graph order (bases first), so that messages and records are deterministic. */
    private List<RevisionId> ordered(Set<RevisionId> ids) {
        List<RevisionId> out = new ArrayList<>();
        for (var r : set.graph().all()) {
            if (ids.contains(r.id())) {
                out.add(r.id());
            }
        }
        return out;
    }
}
