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
 * @param locks          the strongest lock the statement held on each table, view or materialized view
 * @param rewritten      tables whose relfilenode changed (their data was copied into new files)
 * @param invalidIndexes indexes left INVALID by the statement
 * @param created        relations the statement created
 * @param dropped        relations the statement dropped
 * @param error          the error the statement failed with, or null
 */
public record StatementObservation(String file, int line, String excerpt, boolean locksSeen, List<TableLock> locks,
                                   List<String> rewritten, List<String> invalidIndexes, List<String> created,
                                   List<String> dropped, String error) {
    public StatementObservation {
        Objects.requireNonNull(file, "file");
        excerpt = excerpt == null ? "" : excerpt;
        locks = List.copyOf(locks);
        rewritten = List.copyOf(rewritten);
        invalidIndexes = List.copyOf(invalidIndexes);
        created = List.copyOf(created);
        dropped = List.copyOf(dropped);
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
