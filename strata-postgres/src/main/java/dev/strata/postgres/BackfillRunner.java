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
 * Each batch statement selects the next keys past the last one seen (and still pending), updates those
 * rows, and returns the batch's last key and how many rows it changed:
 *
 * <pre>
 * WITH batch AS (SELECT k AS _k1 FROM t WHERE (k) > (?) AND (pending) ORDER BY k LIMIT n),
 *      changed AS (UPDATE t SET ... FROM batch WHERE t.k = batch._k1 RETURNING 1)
 * SELECT _k1, (SELECT count(*) FROM changed) FROM batch ORDER BY _k1 DESC LIMIT 1
 * </pre>
 *
 * Row locks are held only for one batch, so application writes wait at most one batch; no table lock is
 * taken beyond ROW EXCLUSIVE. The key columns and SQL fragments come from the op renderer, already quoted.
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
        String first = sql(keys, pending, false);
        String next = sql(keys, pending, true);
        long estimate = estimate();
        long rows = 0;
        long batches = 0;
        long t0 = System.nanoTime();
        Object[] last = null;
        try (PreparedStatement p1 = c.prepareStatement(first); PreparedStatement pn = c.prepareStatement(next)) {
            while (true) {
                PreparedStatement p = last == null ? p1 : pn;
                if (last != null) {
                    for (int i = 0; i < last.length; i++) {
                        p.setObject(i + 1, last[i]);
                    }
                }
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
                batches++;
                progress.accept(new BackfillProgress(rows, batches, estimate, Duration.ofNanos(System.nanoTime() - t0)));
                if (!b.pause().isZero()) {
                    Thread.sleep(b.pause().toMillis());
                }
            }
        } catch (SQLException e) {
            throw new StatementFailedException(0, e.getSQLState(), "backfill of " + b.table() + " failed after "
                    + rows + " rows (" + batches + " batches committed): " + PgErrors.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatementFailedException(0, null, "backfill of " + b.table() + " interrupted after " + rows
                    + " rows", e);
        }
        return rows;
    }

    /**
     * The batch statement. The batch's key columns are renamed _k1, _k2, ... so that the SET expressions,
     * which may name any column of the table, never meet an ambiguous name.
     */
    private String sql(String keys, String pending, boolean after) {
        int n = b.key().size();
        StringBuilder aliased = new StringBuilder();
        StringBuilder match = new StringBuilder();
        StringBuilder outKeys = new StringBuilder();
        StringBuilder desc = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String k = b.key().get(i);
            String sep = i == 0 ? "" : ", ";
            aliased.append(sep).append(k).append(" AS _k").append(i + 1);
            match.append(i == 0 ? "" : " AND ").append("t.").append(k).append(" = batch._k").append(i + 1);
            outKeys.append(sep).append("_k").append(i + 1);
            desc.append(sep).append("_k").append(i + 1).append(" DESC");
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(n, "?"));
        return "WITH batch AS (SELECT " + aliased + " FROM " + b.table() + " WHERE "
                + (after ? "(" + keys + ") > (" + placeholders + ") AND " : "") + pending
                + " ORDER BY " + keys + " LIMIT " + b.batchSize() + "),\n"
                + "     changed AS (UPDATE " + b.table() + " t SET " + b.assignments() + " FROM batch WHERE " + match
                + " RETURNING 1)\n"
                + "SELECT " + outKeys + ", (SELECT count(*) FROM changed) FROM batch ORDER BY " + desc + " LIMIT 1";
    }

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
