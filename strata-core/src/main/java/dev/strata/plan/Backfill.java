package dev.strata.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A batched data change (seed 002 "backfill in batches"): {@code UPDATE table SET assignments WHERE
 * pending} over the rows of one batch at a time, found by keyset pagination on {@code key} (normally the
 * primary key), each batch in its own short transaction, with a pause between batches. It is resumable:
 * {@code pending} must be false for rows already done (e.g. {@code col IS NULL}), so a run that was
 * interrupted starts over cheaply and only touches what is left.
 *
 * <p>When the backfill fills every row of a table (an added column with a volatile default, a type change's
 * new column), the online runner may instead copy the table: see {@link Strategy}. For that it needs the
 * change column by column ({@code set}); a backfill without it always runs in place.
 *
 * @param table       quoted, schema-qualified table name
 * @param key         quoted key column names, in order; batches walk them ascending
 * @param assignments the SET list, SQL text (e.g. {@code "status" = 'active'})
 * @param pending     a predicate true for rows that still need the change (SQL text), or null for every row
 * @param batchSize   rows per batch
 * @param pause       sleep between batches (lets replicas and vacuum keep up)
 * @param set         the same change as quoted column name to expression, for a copy; empty = in place only
 * @param strategy    how the online runner makes the change
 */
public record Backfill(String table, List<String> key, String assignments, String pending, int batchSize,
                       Duration pause, Map<String, String> set, Strategy strategy) {

    /**
     * How a backfill that fills a whole table is made online.
     * <ul>
     *   <li>{@link #IN_PLACE}: a batched {@code UPDATE} of the table's rows, one key range at a time. Works
     *       on any table with a key; writes a second version of every row and its index entries (about twice
     *       the I/O of a rewrite), leaves half the table dead until vacuum, holds each batch's row locks.</li>
     *   <li>{@link #COPY_SWAP}: a shadow copy of the table ({@code LIKE ... INCLUDING ALL EXCLUDING INDEXES})
     *       is filled in large key-ordered batches while a trigger logs the keys the application changes; the
     *       indexes and constraints are then built by sorting, the logged keys copied again, and the shadow
     *       swapped in under one short ACCESS EXCLUSIVE lock (the last logged keys replayed; the old table
     *       dropped, the shadow renamed; triggers, grants, owner, comment, sequences and foreign keys carried
     *       over; foreign keys re-created NOT VALID and validated after).
     *       Writes each row once, like the blocking rewrite; needs the table's size again in free disk until
     *       the old copy is dropped; refuses tables with dependent views or rules, row-level security,
     *       inheritance or partitions, publications, column privileges or NOT VALID checks.</li>
     *   <li>{@link #AUTO} (the default): copy-and-swap when the table can be copied, has no foreign keys
     *       pointing at it and holds at least {@link #AUTO_COPY_MIN_ROWS} rows (planner estimate); in place
     *       otherwise. Offline SQL ({@code --sql}) cannot look at the table and backfills in place.</li>
     * </ul>
     */
    public enum Strategy {
        AUTO, IN_PLACE, COPY_SWAP
    }

    /** Below this many rows (planner estimate) AUTO backfills in place: the copy's fixed costs would dominate. */
    public static final long AUTO_COPY_MIN_ROWS = 100_000;

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
        set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(set));
        strategy = set.isEmpty() ? Strategy.IN_PLACE : strategy == null ? Strategy.AUTO : strategy;
    }

    /** A backfill that always runs in place. */
    public Backfill(String table, List<String> key, String assignments, String pending, int batchSize, Duration pause) {
        this(table, key, assignments, pending, batchSize, pause, Map.of(), Strategy.IN_PLACE);
    }
}
