package dev.strata.plan;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One planned statement: the SQL, how it runs with respect to transactions, and what it does (hazards).
 * Produced by the renderer from ops, or from a SQL revision's statements.
 *
 * @param sql      the statement text without a trailing semicolon (for {@link Tx#BATCHED}, a readable
 *                 description of one batch, used by offline output)
 * @param tx       transaction mode
 * @param hazards  what it does to a live database
 * @param source   where it comes from, for messages: {@code file:line} or the op that produced it
 * @param backfill the batched change when {@code tx} is {@link Tx#BATCHED}, else null
 * @param deferredBuild a pgvector build the runner defers until the table has enough rows, else null
 */
public record Statement(String sql, Tx tx, Set<Hazard> hazards, String source, Backfill backfill,
                        VectorBuild deferredBuild) {
    public Statement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(tx, "tx");
        hazards = hazards.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(hazards));
        source = source == null ? "" : source;
        if ((tx == Tx.BATCHED) != (backfill != null)) {
            throw new IllegalArgumentException("a backfill goes with Tx.BATCHED and only with it");
        }
        if (deferredBuild != null && tx != Tx.NO_TRANSACTION) {
            throw new IllegalArgumentException("a deferred index build runs outside a transaction");
        }
    }

    /** A statement that is not a deferred index build. */
    public Statement(String sql, Tx tx, Set<Hazard> hazards, String source, Backfill backfill) {
        this(sql, tx, hazards, source, backfill, null);
    }

    /**
     * A pgvector build the runner defers while the table has too few rows; {@code sql} is its form for offline
     * SQL, where no runner decides.
     */
    public static Statement deferredBuild(VectorBuild build, String sql, String source, Hazard... hazards) {
        return new Statement(sql, Tx.NO_TRANSACTION, hazards.length == 0 ? Set.of() : EnumSet.of(hazards[0], hazards),
                source, null, build);
    }

    public static Statement of(String sql, Tx tx, String source, Hazard... hazards) {
        return new Statement(sql, tx, hazards.length == 0 ? Set.of() : EnumSet.of(hazards[0], hazards), source, null);
    }

    public static Statement backfill(Backfill b, String source) {
        return new Statement("-- backfill " + b.table() + " SET " + b.assignments() + " in batches of " + b.batchSize(),
                Tx.BATCHED, Set.of(), source, b);
    }
}
