package dev.strata.op;

import java.util.List;
import java.util.Objects;

/**
 * First half of an online column rename: adds {@code to} next to {@code from}, keeps both in sync with
 * a trigger (writes to either name are seen under both) and backfills {@code to} in batches. Old code
 * keeps using {@code from}; deploy code that uses {@code to}; then run {@link ContractColumnRename} in a
 * later revision.
 *
 * @param table the table
 * @param from  the existing column
 * @param to    the new column (its type should be the old column's; NOT NULL is enforced after the backfill)
 * @param key   the columns the backfill walks (normally the primary key)
 */
public record ExpandColumnRename(QualifiedName table, String from, ColumnDef to, List<String> key) implements Op {
    public ExpandColumnRename {
        Objects.requireNonNull(table, "table");
        QualifiedName.requireName(from, "column");
        Objects.requireNonNull(to, "to");
        if (to.name().equals(from)) {
            throw new IllegalArgumentException("rename of " + from + " to itself");
        }
        if (to.identity() != null || to.generated() != null) {
            throw new IllegalArgumentException("the renamed column " + to.name() + " cannot be identity or generated");
        }
        key = List.copyOf(key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("expanding a rename of " + from + " needs a key to backfill by");
        }
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new ContractColumnRename(table, from, to, key));
    }

    @Override
    public String describe() {
        return "expand rename of column " + from + " of " + table + " to " + to.name();
    }
}
