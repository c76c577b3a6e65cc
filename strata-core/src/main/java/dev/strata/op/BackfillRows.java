package dev.strata.op;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A batched data change, rendered as a {@link dev.strata.plan.Tx#BATCHED} statement carrying a
 * {@link dev.strata.plan.Backfill}: {@code UPDATE table SET col = expr, ... WHERE pending} one batch of
 * {@code key} order at a time, each batch in its own short transaction (row locks only).
 *
 * @param table     the table
 * @param set       column name to expression (SQL text), rendered sorted by column name; at least one
 * @param pending   predicate true for rows still to change (makes the backfill resumable), or null for every row
 * @param key       the columns batches walk, at least one (normally the primary key)
 * @param batchSize rows per batch
 * @param pause     sleep between batches
 * @param undo      the backfill that undoes this one, or null = irreversible
 */
public record BackfillRows(QualifiedName table, Map<String, String> set, String pending, List<String> key,
                           int batchSize, Duration pause, BackfillRows undo) implements Op {
    /**
     * Rows per batch unless told otherwise: about 20-50 ms per batch for a narrow update of a table on
     * ordinary hardware, long enough that per-batch costs (a round trip, a commit) are small next to the
     * rows' own, short enough that an application write waiting on one of the batch's row locks waits
     * well under 100 ms.
     */
    public static final int DEFAULT_BATCH = 5000;

    public BackfillRows {
        Objects.requireNonNull(table, "table");
        set = Map.copyOf(new TreeMap<>(set));
        if (set.isEmpty()) {
            throw new IllegalArgumentException("backfill of " + table + " sets nothing");
        }
        set.keySet().forEach(c -> QualifiedName.requireName(c, "column"));
        key = List.copyOf(key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("backfill of " + table + " needs a key to walk");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("backfill of " + table + ": batch size must be at least 1");
        }
        pause = pause == null ? Duration.ZERO : pause;
        if (undo != null && undo.undo() != null) {
            throw new IllegalArgumentException("the undo of a backfill cannot itself carry an undo");
        }
    }

    @Override
    public Reversal reverse() {
        if (undo == null) {
            return Reversal.irreversible("a backfill overwrites data; no undo backfill was given");
        }
        return Reversal.of(new BackfillRows(undo.table, undo.set, undo.pending, undo.key, undo.batchSize,
                undo.pause, new BackfillRows(table, set, pending, key, batchSize, pause, null)));
    }

    @Override
    public String describe() {
        return "backfill " + table + " set " + String.join(", ", new TreeMap<>(set).keySet());
    }
}
