package dev.strata.engine;

import dev.strata.plan.Statement;
import dev.strata.postgres.JdbcTarget;
import dev.strata.plan.Backfill;
import dev.strata.run.Bookkeeping;
import dev.strata.run.DatabaseState;
import dev.strata.run.LockHolder;
import dev.strata.run.MigrationSet;
import dev.strata.run.Target;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A database seen through the project's eyes, for a run that ignores unknown applied revisions: its state
 * lists as heads the known revisions it has applied (from the version and history tables), so the runner
 * plans from them; the unknown revisions stay in the version table untouched.
 */
final class KnownRevisionsTarget implements Target {
    private final JdbcTarget target;
    private final MigrationSet set;

    KnownRevisionsTarget(JdbcTarget target, MigrationSet set) {
        this.target = target;
        this.set = set;
    }

    @Override
    public DatabaseState readState() {
        DatabaseState state = target.readState();
        Set<dev.strata.graph.RevisionId> applied = StatusReader.appliedKnown(set, state, target.history());
        return new DatabaseState(state.tablesExist(), Runs.headsOf(set, applied), state.checksums(), state.partial());
    }

    @Override
    public void lock(Duration maxWait, Consumer<LockHolder> waiting) {
        target.lock(maxWait, waiting);
    }

    @Override
    public void unlock() {
        target.unlock();
    }

    @Override
    public void ensureTables() {
        target.ensureTables();
    }

    @Override
    public void runInTransaction(List<Statement> statements, Bookkeeping bookkeeping) {
        target.runInTransaction(statements, bookkeeping);
    }

    @Override
    public void runInTransaction(List<Statement> statements, List<Statement> checks, Bookkeeping bookkeeping) {
        target.runInTransaction(statements, checks, bookkeeping);
    }

    @Override
    public void runInTransaction(List<Statement> statements, List<Statement> checks, Bookkeeping bookkeeping,
                                 java.util.Collection<String> measure,
                                 java.util.function.Consumer<java.util.Map<String, RelationBytes>> before) {
        target.runInTransaction(statements, checks, bookkeeping, measure, before);
    }

    @Override
    public void verify(List<Statement> checks) {
        target.verify(checks);
    }

    @Override
    public StatementStats takeStats() {
        return target.takeStats();
    }

    @Override
    public java.util.Map<String, RelationBytes> relationSizes(java.util.Collection<String> names) {
        return target.relationSizes(names);
    }

    @Override
    public List<String> takeWarnings() {
        return target.takeWarnings();
    }

    @Override
    public long rowsUpTo(String table, long limit) {
        return target.rowsUpTo(table, limit);
    }

    @Override
    public boolean indexExists(String index) {
        return target.indexExists(index);
    }

    @Override
    public void runIndexBuild(Statement statement, Consumer<IndexProgress> progress) {
        target.runIndexBuild(statement, progress);
    }

    @Override
    public void runEach(List<Statement> statements) {
        target.runEach(statements);
    }

    @Override
    public long runBackfill(Backfill backfill, Consumer<BackfillProgress> progress) {
        return target.runBackfill(backfill, progress);
    }

    @Override
    public boolean dropInvalidIndex(String name) {
        return target.dropInvalidIndex(name);
    }

    @Override
    public void record(Bookkeeping bookkeeping) {
        target.record(bookkeeping);
    }

    @Override
    public void close() {
        // the workspace closes the connection
    }
}
