package dev.strata.run;

import dev.strata.graph.RevisionId;
import dev.strata.graph.Step;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.plan.VectorBuild;
import dev.strata.script.MigrationScript;

import java.util.ArrayList;
import java.util.List;

/**
 * pgvector builds deferred until their table has enough rows ({@link VectorBuild}): run or deferred when their
 * revision runs, listed as pending work while the index is missing, and built online (CONCURRENTLY) by a later
 * upgrade once the rows are there. Nothing is stored for this: the applied revisions' plans say which builds
 * were deferred, and the catalog says whether each index exists.
 */
public final class DeferredBuilds {
    /**
     * A deferred build whose index does not exist yet.
     *
     * @param revision the revision that declares it
     * @param index    the schema-qualified index name, as SQL
     * @param table    the schema-qualified table, as SQL
     * @param rows     the table's rows, counted up to {@code minRows}
     * @param minRows  rows it needs before the build runs
     */
    public record Pending(RevisionId revision, String index, String table, long rows, long minRows) {
        /** Whether the table has the rows and the next upgrade builds it. */
        public boolean ready() {
            return rows >= minRows;
        }
    }

    private final MigrationSet set;
    private final Target target;
    private final RunListener listener;

    DeferredBuilds(MigrationSet set, Target target, RunListener listener) {
        this.set = set;
        this.target = target;
        this.listener = listener;
    }

    /** The deferred builds of {@code set} on {@code target}, for reading {@link #pending()}. */
    public static DeferredBuilds of(MigrationSet set, Target target) {
        return new DeferredBuilds(set, target, RunListener.NONE);
    }

    /**
     * Runs the build now when the table has the rows (or {@code atOnce}: a scratch replay), prints its offline
     * form when the target cannot count (offline SQL), else reports it deferred.
     */
    static void runOrDefer(Target target, RunListener listener, Step step, Statement statement, boolean atOnce) {
        VectorBuild b = statement.deferredBuild();
        long rows = target.rowsUpTo(b.table(), b.minRows());
        if (rows < 0) {
            target.runEach(List.of(statement));
        } else if (rows < b.minRows() && !atOnce) {
            listener.on(new RunEvent.IndexDeferred(step, b.index(), b.table(), rows, b.minRows()));
        } else {
            build(target, listener, b, statement.source());
        }
    }

    private static void build(Target target, RunListener listener, VectorBuild b, String source) {
        long t0 = System.nanoTime();
        for (String sql : b.build()) {
            Statement s = new Statement(sql, Tx.NO_TRANSACTION, java.util.Set.of(), source, null);
            String leftover = ConcurrentIndex.name(sql);
            if (leftover != null && target.dropInvalidIndex(leftover)) {
                listener.on(new RunEvent.InvalidIndexDropped(null, leftover));
            }
            if (leftover != null) {
                target.runIndexBuild(s, p -> listener.on(new RunEvent.IndexBuildProgress(null, b.index(), p)));
            } else {
                target.runEach(List.of(s));
            }
        }
        listener.on(new RunEvent.DeferredIndexBuilt(b.index(), b.table(), (System.nanoTime() - t0) / 1_000_000));
    }

    /** The deferred builds of applied revisions whose index is still missing, in revision order. */
    public List<Pending> pending() {
        List<Pending> out = new ArrayList<>();
        if (!set.mayDeferBuilds()) {
            return out; // no revision can defer a build: no need to read the state again
        }
        java.util.Set<RevisionId> applied = target.readState().checksums().keySet();
        for (RevisionId id : applied.stream().sorted().toList()) {
            if (!set.contains(id)) {
                continue;
            }
            MigrationScript script = set.script(id);
            if (!script.mayDeferBuilds()) {
                continue; // keeps a no-op run from splitting every applied SQL revision
            }
            for (Statement s : script.upgradePlan()) {
                VectorBuild b = s.deferredBuild();
                if (b != null && !target.indexExists(b.index())) {
                    out.add(new Pending(id, b.index(), b.table(), target.rowsUpTo(b.table(), b.minRows()), b.minRows()));
                }
            }
        }
        return out;
    }

    /**
     * Builds every pending index whose table now has the rows; the others are reported deferred again when
     * {@code report} (not right after the run that deferred them and said so).
     */
    void buildReady(boolean report) {
        for (Pending p : pending()) {
            if (p.rows() < 0) {
                continue;
            }
            if (!p.ready()) {
                if (report) {
                    listener.on(new RunEvent.IndexDeferred(null, p.index(), p.table(), p.rows(), p.minRows()));
                }
                continue;
            }
            for (Statement s : set.script(p.revision()).upgradePlan()) {
                if (s.deferredBuild() != null && s.deferredBuild().index().equals(p.index())) {
                    build(target, listener, s.deferredBuild(), s.source());
                }
            }
        }
    }
}
