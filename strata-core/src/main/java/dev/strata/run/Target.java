package dev.strata.run;

import dev.strata.plan.Backfill;
import dev.strata.plan.Statement;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One session with the database being migrated, as the {@link Runner} needs it. The JDBC
 * implementation lives in strata-postgres; {@link OfflineTarget} writes the same work as SQL text
 * for {@code --sql}.
 *
 * <p>Failures of user statements are reported as {@link StatementFailedException}; everything else as
 * {@link dev.strata.error.StrataException}.
 */
public interface Target extends AutoCloseable {

    /**
     * Takes the migration lock (a session-level advisory lock), waiting at most {@code maxWait}.
     * While waiting, {@code waiting} is told who holds it, about once per poll interval (at most once a
     * second). Throws a StrataException with {@link dev.strata.error.ErrorCode#LOCK_TIMEOUT} naming the
     * holder when the wait runs out.
     */
    void lock(Duration maxWait, Consumer<LockHolder> waiting);

    /** Releases the migration lock; harmless when not held. */
    void unlock();

    /** Creates the schema, the version table and the history table when they are missing. */
    void ensureTables();

    /** The version table and the history table as they are now; empty state when the tables are missing. */
    DatabaseState readState();

    /**
     * Runs the statements and then the bookkeeping (when not null) in one transaction. Bookkeeping ends a step:
     * before it is written, a live target returns the session's settings to those the step started from, so
     * that a revision's own SET lasts for that revision only (the same holds for {@link #record}). On failure
     * everything is rolled back and a StatementFailedException names the index of the statement that failed.
     */
    void runInTransaction(List<Statement> statements, Bookkeeping bookkeeping);

    /**
     * Runs the statements one by one with autocommit, outside any transaction, stopping at the first
     * failure (StatementFailedException; the statements before it stay done).
     */
    void runEach(List<Statement> statements);

    /**
     * Runs a batched backfill: batches found by keyset pagination, each its own short transaction, with
     * the backfill's pause between them; {@code progress} hears after every batch. Returns the rows changed.
     * A failure is a StatementFailedException with index 0; batches already committed stay done. A live target
     * makes a backfill whose strategy allows it by copy-and-swap ({@link Backfill.Strategy}).
     */
    long runBackfill(Backfill backfill, java.util.function.Consumer<BackfillProgress> progress);

    /**
     * Progress of a backfill.
     *
     * @param rowsDone       rows changed so far
     * @param batches        batches committed so far
     * @param estimatedTotal the planner's estimate of the table's rows (for an ETA), or -1
     * @param elapsed        time since the backfill started
     * @param strategy       how it is being made: rows updated in place, or copied to a shadow table ({@code rowsDone}
     *                       then counts rows copied)
     */
    record BackfillProgress(long rowsDone, long batches, long estimatedTotal, java.time.Duration elapsed,
                            dev.strata.plan.Backfill.Strategy strategy) {
        /** Progress of a backfill made in place. */
        public BackfillProgress(long rowsDone, long batches, long estimatedTotal, java.time.Duration elapsed) {
            this(rowsDone, batches, estimatedTotal, elapsed, dev.strata.plan.Backfill.Strategy.IN_PLACE);
        }
    }

    /**
     * Drops the index {@code name} (resolved with the search path) if it exists and is INVALID, the
     * leftover of a concurrent build that failed; returns whether it did. A valid index is never touched.
     */
    boolean dropInvalidIndex(String name);

    /**
     * The table's rows, counting at most {@code limit} (a bounded scan, cheap on a big table); -1 when the target
     * cannot count (offline SQL), where a deferred build's offline form is written instead.
     */
    default long rowsUpTo(String table, long limit) {
        return -1;
    }

    /**
     * Runs one {@code CREATE INDEX CONCURRENTLY} outside a transaction, as {@link #runEach}; {@code progress} hears
     * the build's progress while it runs when the target can watch it (else never).
     */
    default void runIndexBuild(Statement statement, Consumer<IndexProgress> progress) {
        runEach(List.of(statement));
    }

    /**
     * Progress of an index build, from {@code pg_stat_progress_create_index}.
     *
     * @param phase       the build phase as PostgreSQL names it ({@code building index: loading tuples in tree} ...)
     * @param blocksDone  blocks processed in the current phase
     * @param blocksTotal blocks to process in the current phase, or 0
     * @param tuplesDone  tuples processed in the current phase
     * @param tuplesTotal tuples to process in the current phase, or 0
     * @param elapsed     time since the build started
     */
    record IndexProgress(String phase, long blocksDone, long blocksTotal, long tuplesDone, long tuplesTotal,
                         Duration elapsed) {
    }

    /**
     * The warnings Strata's own checks raised in the statements run since the last call (messages starting
     * {@code strata: }, such as a vector build's memory estimate), and forgets them; empty when the target cannot
     * tell.
     */
    default List<String> takeWarnings() {
        return List.of();
    }

    /** Whether the index (schema-qualified SQL name) exists; false when the target cannot tell. */
    default boolean indexExists(String index) {
        return false;
    }

    /**
     * As {@link #runInTransaction(List, Bookkeeping)}, with the revision's verification between its statements and
     * its bookkeeping, in the same transaction: each check runs in a savepoint that is rolled back, so a check never
     * changes anything. A check that raises, or returns a row whose first column is false or NULL, rolls the whole
     * transaction back and throws {@link VerificationFailedException} with the check's index.
     */
    default void runInTransaction(List<Statement> statements, List<Statement> checks, Bookkeeping bookkeeping) {
        if (!checks.isEmpty()) {
            throw new UnsupportedOperationException("this target cannot run verification statements");
        }
        runInTransaction(statements, bookkeeping);
    }

    /**
     * As {@link #runInTransaction(List, List, Bookkeeping)}, after handing {@code before} the sizes of the relations
     * {@code measure} names, as {@link #relationSizes} reads them, before any of the statements runs: empty when
     * {@code measure} is, or when they cannot be read (a measurement never stops a step). A target may read them
     * inside the transaction together with the first statement, saving a round trip.
     */
    default void runInTransaction(List<Statement> statements, List<Statement> checks, Bookkeeping bookkeeping,
                                  java.util.Collection<String> measure,
                                  java.util.function.Consumer<java.util.Map<String, RelationBytes>> before) {
        before.accept(sizesOrNone(measure));
        runInTransaction(statements, checks, bookkeeping);
    }

    /** {@link #relationSizes}, or none when {@code names} is empty or they cannot be read. */
    default java.util.Map<String, RelationBytes> sizesOrNone(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return java.util.Map.of();
        }
        try {
            return relationSizes(names);
        } catch (RuntimeException e) {
            return java.util.Map.of();
        }
    }

    /**
     * Runs a revision's verification on its own (after a non-transactional body): in one transaction that is rolled
     * back afterwards; fails as {@link #runInTransaction(List, List, Bookkeeping)} does.
     */
    default void verify(List<Statement> checks) {
        if (!checks.isEmpty()) {
            throw new UnsupportedOperationException("this target cannot run verification statements");
        }
    }

    /**
     * What the statements run since the last call measured (their update counts, their index builds), and forgets
     * it; {@link StatementStats#NONE} when the target cannot tell.
     */
    default StatementStats takeStats() {
        return StatementStats.NONE;
    }

    /**
     * Measurements of statements.
     *
     * @param rowsAffected the sum of their update counts
     * @param indexBuilds  their {@code CREATE INDEX} statements with the time each took
     */
    record StatementStats(long rowsAffected, List<StepMetrics.IndexBuild> indexBuilds) {
        public static final StatementStats NONE = new StatementStats(0, List.of());

        public StatementStats {
            indexBuilds = List.copyOf(indexBuilds);
        }
    }

    /**
     * The sizes of the named tables and indexes (names as SQL reads them, resolved with the search path); names that
     * resolve to no table or index are left out. Empty when the target cannot tell.
     */
    default java.util.Map<String, RelationBytes> relationSizes(java.util.Collection<String> names) {
        return java.util.Map.of();
    }

    /** The kind ({@code table}, {@code index}, {@code materialized view}) and size in bytes of a relation. */
    record RelationBytes(String kind, long bytes) {
    }

    /** Writes bookkeeping in a transaction of its own (after a non-transactional body, a stamp or a failure). */
    void record(Bookkeeping bookkeeping);

    @Override
    void close();
}
