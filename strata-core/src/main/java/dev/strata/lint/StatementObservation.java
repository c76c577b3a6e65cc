package dev.strata.lint;

import java.util.List;
import java.util.Objects;

/**
 * What one top-level statement of a revision's upgrade did when it was replayed on a scratch database holding the
 * schema at the revision's parent (plus sample rows). Table names are schema-qualified ({@code public.orders});
 * a TimescaleDB chunk is named by its hypertable.
 *
 * @param file           the revision file, as findings name it
 * @param line           the statement's first line
 * @param excerpt        the statement, shortened to one line
 * @param locksSeen      true when the statement ran inside a transaction, so its locks could be read from
 *                       pg_locks before the commit; false for statements PostgreSQL runs only outside one
 *                       ({@code CONCURRENTLY}), judged by relfilenode and pg_index alone
 * @param locks          the strongest lock the statement took on each table, view or materialized view
 * @param heldBefore     the locks earlier statements of the same transaction still hold while it runs (a
 *                       transactional revision is one transaction); empty otherwise
 * @param rewritten      tables whose relfilenode changed (their data was copied into new files)
 * @param invalidIndexes indexes left INVALID by the statement
 * @param created        relations the statement created
 * @param dropped        relations the statement dropped
 * @param error          the error the statement failed with, or null
 * @param changes        the schema change the statement made, as the differ's ops between the schema before and
 *                       after it (empty when it changed nothing the schema model holds, or failed)
 * @param changesSeen    true when the schema was read after the statement; false when the statement could not
 *                       have changed it (DML, VACUUM, a failure) and was not read
 */
public record StatementObservation(String file, int line, String excerpt, boolean locksSeen, List<TableLock> locks,
                                   List<TableLock> heldBefore, List<String> rewritten, List<String> invalidIndexes, List<String> created,
                                   List<String> dropped, String error, List<SchemaChange> changes, boolean changesSeen) {
    /** Without the schema change (not read). */
    public StatementObservation(String file, int line, String excerpt, boolean locksSeen, List<TableLock> locks,
                                List<TableLock> heldBefore, List<String> rewritten, List<String> invalidIndexes,
                                List<String> created, List<String> dropped, String error) {
        this(file, line, excerpt, locksSeen, locks, heldBefore, rewritten, invalidIndexes, created, dropped, error,
                List.of(), false);
    }

    public StatementObservation {
        Objects.requireNonNull(file, "file");
        excerpt = excerpt == null ? "" : excerpt;
        locks = List.copyOf(locks);
        heldBefore = List.copyOf(heldBefore);
        rewritten = List.copyOf(rewritten);
        invalidIndexes = List.copyOf(invalidIndexes);
        created = List.copyOf(created);
        dropped = List.copyOf(dropped);
        changes = List.copyOf(changes);
    }

    /**
     * One op of the differ between the schema before and after the statement.
     *
     * @param op   the op's kind in snake case ({@code add_column}, {@code create_index}, {@code create_hypertable}),
     *             or {@code not_expressed} for a difference the differ found but has no op for
     * @param text the op in words ({@code add column note to public.items}), or the difference for
     *             {@code not_expressed}
     */
    public record SchemaChange(String op, String text) {
        public SchemaChange {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The schema change in words, "; "-separated ("add column note to public.items"), or "" when there is none. */
    public String changeSummary() {
        return String.join("; ", changes.stream().map(SchemaChange::text).toList());
    }

    /**
     * A lock the statement held.
     *
     * @param table    the table (schema-qualified)
     * @param mode     the strongest mode held on it
     * @param existing true when the table existed before the revision began
     */
    public record TableLock(String table, LockLevel mode, boolean existing) {
        public TableLock {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** What was seen, in words: "ACCESS EXCLUSIVE on public.orders; rewrote public.orders". */
    public String summary() {
        StringBuilder b = new StringBuilder();
        if (error != null) {
            b.append("failed: ").append(error);
        }
        if (locksSeen) {
            List<TableLock> shown = locks.stream().filter(TableLock::existing).toList();
            sep(b).append(shown.isEmpty() ? "no lock on an existing table" : String.join(", ", shown.stream()
                    .map(l -> l.mode().sql() + " on " + l.table()).toList()));
        } else if (error == null) {
            sep(b).append("ran outside a transaction (locks not readable)");
        }
        if (!rewritten.isEmpty()) {
            sep(b).append("rewrote ").append(String.join(", ", rewritten));
        } else if (error == null) {
            sep(b).append("no rewrite");
        }
        if (!invalidIndexes.isEmpty()) {
            sep(b).append("left INVALID ").append(String.join(", ", invalidIndexes));
        }
        if (!created.isEmpty()) {
            sep(b).append("created ").append(String.join(", ", created));
        }
        if (!dropped.isEmpty()) {
            sep(b).append("dropped ").append(String.join(", ", dropped));
        }
        return b.toString();
    }

    private static StringBuilder sep(StringBuilder b) {
        return b.length() == 0 ? b : b.append("; ");
    }
}
