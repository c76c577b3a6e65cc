package dev.strata.engine;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Direction;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;
import dev.strata.graph.Step;
import dev.strata.postgres.JdbcTarget;
import dev.strata.run.DatabaseState;
import dev.strata.run.MigrationSet;
import dev.strata.run.OfflineTarget;
import dev.strata.run.RunListener;
import dev.strata.run.RunOptions;
import dev.strata.run.Runner;
import dev.strata.run.Target;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Upgrade and downgrade, online against the database or offline as SQL text. Before an online upgrade the
 * database's applied revisions are compared with the project: revisions the project does not know (the
 * database is ahead of this code) stop the run unless the caller chose to ignore them.
 */
public final class Runs {
    private Runs() {
    }

    /**
     * How an online run goes.
     *
     * @param lockWait      how long to wait for another runner's lock, or null for the configured wait
     * @param resume        continue a half-applied revision at its failed statement
     * @param ignoreUnknown run although the database has applied revisions the project does not know: they are
     *                      left as they are, and the project's pending revisions are applied
     * @param cascade       let a downgrade also revert revisions of other branches that depend (depends-on) on a
     *                      reverted one; without it such a downgrade is refused with the dependents named
     */
    public record Options(Duration lockWait, boolean resume, boolean ignoreUnknown, boolean cascade) {
        /** The defaults: the configured lock wait, no resume, unknown revisions refused, no cascade. */
        public static final Options DEFAULT = new Options(null, false, false, false);

        /** Without cascade. */
        public Options(Duration lockWait, boolean resume, boolean ignoreUnknown) {
            this(lockWait, resume, ignoreUnknown, false);
        }
    }

    /** {@code latest} is an alias of {@code head} (as other tools call it); every other target is passed on. */
    public static String normalizeTarget(String target) {
        return target.equals("latest") ? "head" : target;
    }

    /** Runs online; returns the steps that ran. */
    public static List<Step> online(Workspace w, Direction direction, String target, Options options, RunListener listener) {
        String spec = normalizeTarget(target);
        if (spec.contains(":")) {
            throw new StrataException(ErrorCode.TARGET_INVALID, "a FROM:TO range ('" + target
                    + "') is only for offline SQL; online, Strata reads FROM from the database");
        }
        // Connect while the revision files are read and parsed: the two do not depend on each other. Only the
        // headers and checksums are read now; the runner splits the SQL of what it may run.
        w.settings();
        w.project().splittingOnUse();
        w.connectInBackground(); // a failure to connect is reported below, unless a bad revision file comes first
        MigrationSet set = w.migrations();
        JdbcTarget jdbc = w.target();
        Target t = jdbc;
        List<String> unknown;
        try {
            unknown = unknown(set, jdbc, w.stateBeforeRun());
        } finally {
            w.forgetStateBeforeRun(); // what runs is decided under the lock, on the state read there
        }
        if (!unknown.isEmpty()) {
            if (direction == Direction.DOWN || !options.ignoreUnknown()) {
                throw new StrataException(ErrorCode.APPLIED_REVISION_MISSING, "the database has " + unknown.size()
                        + " revision(s) this folder does not know: " + String.join(", ", unknown)
                        + "; the database is ahead of this code (or those files were deleted): deploy the code that has"
                        + " them" + (direction == Direction.UP ? ", or choose to ignore unknown revisions to apply this"
                        + " folder's pending revisions anyway" : "") + "; nothing was changed");
            }
            t = new KnownRevisionsTarget(jdbc, set);
        }
        RunOptions run = w.runOptions(options.lockWait(), options.resume());
        Runner runner = new Runner(set, t, run, listener);
        return direction == Direction.UP ? runner.upgrade(spec) : runner.downgrade(spec, options.cascade());
    }

    /** The SQL of an offline run over {@code range} ({@code TO}, or {@code FROM:TO}). */
    public static String offline(Workspace w, Direction direction, String range, boolean resume,
                                 Function<OfflineTarget, RunListener> listener) {
        return offline(w, direction, range, resume, false, listener);
    }

    /** As above; {@code cascade} as in {@link Options#cascade()}. */
    public static String offline(Workspace w, Direction direction, String range, boolean resume, boolean cascade,
                                 Function<OfflineTarget, RunListener> listener) {
        MigrationSet set = w.migrations();
        Targets.Range r = Targets.range(range);
        Targets.Range parsed = new Targets.Range(r.from() == null ? null : normalizeTarget(r.from()), normalizeTarget(r.to()));
        if (direction == Direction.DOWN && parsed.from() == null) {
            throw new StrataException(ErrorCode.TARGET_INVALID, "an offline downgrade needs a range FROM:TO (e.g. "
                    + "head:base or head:-1), because offline Strata cannot read where the database is");
        }
        DatabaseState from = Targets.fromState(set.graph(), parsed.from());
        StringBuilder out = new StringBuilder();
        OfflineTarget target = new OfflineTarget(w.settings().tables(), EngineVersion.get(), from, out);
        target.comment("Strata " + EngineVersion.get() + ": offline " + (direction == Direction.UP ? "upgrade" : "downgrade")
                + " " + (r.from() == null ? "base" : r.from()) + ":" + r.to());
        target.comment("");
        Runner runner = new Runner(set, target, new RunOptions(Duration.ZERO, EngineVersion.get(), resume),
                listener.apply(target));
        if (direction == Direction.UP) {
            runner.upgrade(parsed.to());
        } else {
            runner.downgrade(parsed.to(), cascade);
        }
        return out.toString();
    }

    /**
     * Sets the version table to {@code target} without running any revision; stamped revisions get a history
     * row with their checksum. With {@code purge} the table is emptied first, even when it names revisions the
     * project does not have. Returns the revisions the database is at now (empty: base).
     */
    public static Set<RevisionId> stamp(Workspace w, String target, boolean purge, Duration lockWait) {
        return stamp(w, List.of(target), purge, lockWait);
    }

    /**
     * As {@link #stamp(Workspace, String, boolean, Duration)} with several targets at once (e.g. the heads of two
     * branches); of targets on one branch the highest counts.
     */
    public static Set<RevisionId> stamp(Workspace w, List<String> targets, boolean purge, Duration lockWait) {
        return runner(w, lockWait).stamp(targets.stream().map(Runs::normalizeTarget).toList(), purge);
    }

    /**
     * The SQL of a stamp, without a connection: the version-table and history writes that set the table to
     * {@code targets}. A single target may be a range {@code FROM:TO} (the table is assumed to hold FROM); else
     * the table is assumed not to exist yet and is created first, as Alembic's {@code stamp REV --sql} does.
     */
    public static String offlineStamp(Workspace w, List<String> targets, boolean purge) {
        MigrationSet set = w.migrations();
        String from = null;
        List<String> to = targets.stream().map(Runs::normalizeTarget).toList();
        if (targets.stream().anyMatch(t -> t.contains(":"))) {
            if (targets.size() > 1) {
                throw new StrataException(ErrorCode.TARGET_INVALID, "a FROM:TO range cannot be combined with other"
                        + " stamp targets (" + String.join(" ", targets) + "): give one range, or only targets");
            }
            Targets.Range r = Targets.range(targets.get(0));
            from = normalizeTarget(r.from());
            to = List.of(normalizeTarget(r.to()));
        }
        DatabaseState state = Targets.fromState(set.graph(), from);
        StringBuilder out = new StringBuilder();
        OfflineTarget target = new OfflineTarget(w.settings().tables(), EngineVersion.get(), state, out);
        target.comment("Strata " + EngineVersion.get() + ": offline stamp " + String.join(" ", targets));
        target.comment("");
        new Runner(set, target, new RunOptions(Duration.ZERO, EngineVersion.get(), false), RunListener.NONE)
                .stamp(to, purge);
        return out.toString();
    }

    /** As {@link #stamp}, only when the database is at base, checked under the lock; empty when it did nothing. */
    public static Set<RevisionId> stampIfAtBase(Workspace w, String target, Duration lockWait) {
        return runner(w, lockWait).stampIfAtBase(target);
    }

    /** Marks the revisions left half-applied as resolved; returns them (empty when none was). */
    public static List<Runner.Repaired> repair(Workspace w, Duration lockWait) {
        return runner(w, lockWait).repair();
    }

    /** Accepts the current content of applied revision {@code revision}, edited on purpose, as its checksum. */
    public static void acceptChecksum(Workspace w, String revision, Duration lockWait) {
        runner(w, lockWait).acceptChecksum(revision);
    }

    private static Runner runner(Workspace w, Duration lockWait) {
        return new Runner(w.migrations(), w.target(), w.runOptions(lockWait, false), w.listener());
    }

    private static List<String> unknown(MigrationSet set, JdbcTarget t, DatabaseState state) {
        if (!state.tablesExist() || state.heads().stream().allMatch(set::contains)) {
            return List.of(); // the history is only read when a head is unknown (then it names the others)
        }
        return StatusReader.unknownApplied(set, state, t.history());
    }

    /** The heads of a set of applied revisions: those that are no applied revision's parent. */
    static Set<RevisionId> headsOf(MigrationSet set, Set<RevisionId> applied) {
        Set<RevisionId> parents = new HashSet<>();
        for (RevisionId id : applied) {
            Revision r = set.graph().get(id);
            parents.addAll(r.parents());
        }
        Set<RevisionId> heads = new HashSet<>(applied);
        heads.removeAll(parents);
        return heads;
    }
}
