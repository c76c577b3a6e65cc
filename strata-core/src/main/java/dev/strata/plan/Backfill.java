package dev.strata.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A batched data change (seed 002 "backfill in batches"): {@code UPDATE table SET assignments WHERE
 * pending} over the rows of one batch at a time, found by keyset pagination on {@code key} (normally the
 * primary key), each batch in its own short transaction, with a pause between batches. It is resumable:
 * {@code pending} must be false for rows already done (e.g. {@code col IS NULL}), so a run that was
 * interrupted starts over cheaply and only touches what is left.
 *
 * @param table       quoted, schema-qualified table name
 * @param key         quoted key column names, in order; batches walk them ascending
 * @param assignments the SET list, SQL text (e.g. {@code "status" = 'active'})
 * @param pending     a predicate true for rows that still need the change (SQL text), or null for every row
 * @param batchSize   rows per batch
 * @param pause       sleep between batches (lets replicas and vacuum keep up)
 */
public record Backfill(String table, List<String> key, String assignments, String pending, int batchSize,
                       Duration pause) {
    public Backfill {
        Objects.requireNonNull(table, "table");
        key = List.copyOf(key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a backfill needs a key to walk");
        }
        Objects.requireNonNull(assignments, "assignments");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        Objects.requireNonNull(pause, "pause");
    }
}
