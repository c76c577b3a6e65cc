package dev.strata.postgres;

import dev.strata.plan.Backfill;
import dev.strata.run.StatementFailedException;
import dev.strata.run.Target.BackfillProgress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs a {@link Backfill}: keyset pagination over the key, one short autocommit statement per batch.
 * Each batch statement takes the next {@code n} keys past the last one seen, from the key's index alone
 * (not filtered by the pending predicate, so the planner always walks the index: with the predicate it
 * may estimate few matches and prefer reading the whole table and sorting it, for every batch), then
 * updates the pending rows of that key range, and returns the range's last key and how many rows changed:
 *
 * <pre>
 * WITH batch AS (SELECT k AS _k1 FROM t WHERE (k) > (?) ORDER BY k LIMIT n),
 *      upper AS (SELECT _k1 FROM batch ORDER BY _k1 DESC LIMIT 1),
 *      changed AS (UPDATE t SET ... FROM upper WHERE (t.k) > (?) AND (t.k) <= (upper._k1) AND (pending) RETURNING 1)
 * SELECT _k1, (SELECT count(*) FROM changed) FROM upper
 * </pre>
 *
 * Row locks are held only for one batch, so application writes wait at most one batch; no table lock is
 * taken beyond ROW EXCLUSIVE. The key columns and SQL fragments come from the op renderer, already quoted.
 *
 * <p>While the backfill runs, the session has {@code synchronous_commit = off} (restored afterwards): a
 * batch's commit does not wait for its WAL to reach disk, which spares one flush per batch. It cannot
 * lose correctness, only work: a batch lost in a server crash left its rows pending, the revision did not
 * finish, and the next run finds and updates those rows again. Nothing after the backfill depends on it
 * without a later synchronous commit (the steps that follow, like the NOT NULL validation, commit
 * normally, and a durable commit also flushes all WAL before it).
 */
final class BackfillRunner {
    private final Connection c;
    private final Backfill b;

    BackfillRunner(Connection c, Backfill b) {
        this.c = c;
        this.b = b;
    }

    long run(Consumer<BackfillProgress> progress) {
        String keys = String.join(", ", b.key());
        String pending = b.pending() == null ? "true" : "(" + b.pending() + ")";
        int n = b.key().size();
        long estimate = estimate();
        long rows = 0;
        long batches = 0;
        long t0 = System.nanoTime();
        Object[] last = null;
        String previousCommit = null;
        // One prepared pair (first batch, next batches) per batch size, with the size as a literal LIMIT:
        // a generic plan for "LIMIT $1" may sort the whole table instead of walking the key index.
        java.util.Map<Integer, PreparedStatement[]> prepared = new java.util.HashMap<>();
        int size = b.batchSize();
        try {
            previousCommit = setSynchronousCommit("off");
            while (true) {
                PreparedStatement[] pair = prepared.get(size);
                if (pair == null) {
                    pair = new PreparedStatement[] {c.prepareStatement(sql(keys, pending, false, size)),
                            c.prepareStatement(sql(keys, pending, true, size))};
                    prepared.put(size, pair);
                }
                PreparedStatement p = last == null ? pair[0] : pair[1];
                if (last != null) {
                    for (int i = 0; i < n; i++) {
                        p.setObject(i + 1, last[i]);
                        p.setObject(n + i + 1, last[i]);
                    }
                }
                long b0 = System.nanoTime();
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        break;
                    }
                    Object[] key = new Object[b.key().size()];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = rs.getObject(i + 1);
                    }
                    last = key;
                    rows += rs.getLong(key.length + 1);
                }
                size = nextSize(size, b.batchSize(), (System.nanoTime() - b0) / 1_000_000);
                batches++;
                progress.accept(new BackfillProgress(rows, batches, estimate, Duration.ofNanos(System.nanoTime() - t0),
                        dev.strata.plan.Backfill.Strategy.IN_PLACE));
                if (!b.pause().isZero()) {
                    Thread.sleep(b.pause().toMillis());
                }
            }
        } catch (SQLException e) {
            restore(previousCommit);
            throw new StatementFailedException(0, e.getSQLState(), "backfill of " + b.table() + " failed after "
                    + rows + " rows (" + batches + " batches committed): " + PgErrors.describe(e), e);
        } catch (InterruptedException e) {
            restore(previousCommit);
            Thread.currentThread().interrupt();
            throw new StatementFailedException(0, null, "backfill of " + b.table() + " interrupted after " + rows
                    + " rows", e);
        } finally {
            for (PreparedStatement[] pair : prepared.values()) {
                for (PreparedStatement ps : pair) {
                    try {
                        ps.close();
                    } catch (SQLException ignored) {
                        // closing a statement of a connection that failed: nothing more to do
                    }
                }
            }
        }
        try {
            setSynchronousCommit(previousCommit);
        } catch (SQLException e) {
            throw new StatementFailedException(0, e.getSQLState(), "backfill of " + b.table()
                    + " finished, but restoring synchronous_commit failed: " + PgErrors.describe(e), e);
        }
        return rows;
    }

    /** Sets the session's synchronous_commit and returns the value it had. */
    private String setSynchronousCommit(String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT current_setting('synchronous_commit'), set_config('synchronous_commit', ?, false)")) {
            p.setString(1, value);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Best effort after a failure (the connection may be gone; the failure itself is what gets reported). */
    private void restore(String previous) {
        if (previous == null) {
            return;
        }
        try {
            setSynchronousCommit(previous);
        } catch (SQLException ignored) {
            // the original failure is reported; a lost connection takes the setting with it
        }
    }

    /**
     * The batch statement. The batch's key columns are renamed _k1, _k2, ... so that the SET expressions
     * and the pending predicate, which may name any column of the table, never meet an ambiguous name.
     * With {@code after}, the last key of the previous batch is bound twice: once for the walk, once for
     * the update's range.
     */
    private String sql(String keys, String pending, boolean after, int limit) {
        KeyWalk w = KeyWalk.of(b.key(), "t");
        return "WITH batch AS (SELECT " + w.aliased() + " FROM " + b.table()
                + (after ? " WHERE (" + keys + ") > (" + w.placeholders() + ")" : "")
                + " ORDER BY " + keys + " LIMIT " + limit + "),\n"
                + "     upper AS (SELECT " + w.outKeys() + " FROM batch ORDER BY " + w.desc() + " LIMIT 1),\n"
                + "     changed AS (UPDATE " + b.table() + " t SET " + b.assignments() + " FROM upper WHERE "
                + (after ? "(" + w.tableKeys() + ") > (" + w.placeholders() + ") AND " : "")
                + "(" + w.tableKeys() + ") <= (" + w.upperKeys() + ") AND " + pending + " RETURNING 1)\n"
                + "SELECT " + w.outKeys() + ", (SELECT count(*) FROM changed) FROM upper";
    }

    /**
     * The next batch size: a batch holds its rows' locks until it commits, so an application write that
     * touches one waits up to a batch's duration. Batches slower than {@link #SLOW_MS} are halved (down
     * to {@link #MIN_BATCH} rows); quick ones grow back, never past the size the backfill asked for.
     */
    static int nextSize(int size, int batchSize, long millis) {
        if (millis > SLOW_MS && size > MIN_BATCH) {
            return Math.max(MIN_BATCH, size / 2);
        }
        if (millis < SLOW_MS / 3 && size < batchSize) {
            return Math.min(batchSize, size * 2);
        }
        return size;
    }

    static final long SLOW_MS = 60;
    static final int MIN_BATCH = 100;

    /** The planner's row estimate for the table, for an ETA; -1 when unknown. */
    private long estimate() {
        try (PreparedStatement p = c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
            p.setString(1, b.table());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }
}
