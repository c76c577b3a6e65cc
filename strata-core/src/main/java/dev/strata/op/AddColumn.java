package dev.strata.op;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... ADD COLUMN}. Online, a NOT NULL column or one whose default is volatile is
 * added nullable and filled by a batched backfill walking {@code key}; see {@link ColumnRenderer}.
 *
 * @param table  the table
 * @param column the new column
 * @param key    the columns a backfill walks (normally the primary key); may be empty when none is needed
 * @param mode   online (default) or blocking
 */
public record AddColumn(QualifiedName table, ColumnDef column, List<String> key, Mode mode) implements Op {
    public AddColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        key = key == null ? List.of() : List.copyOf(key);
        mode = mode == null ? Mode.ONLINE : mode;
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropColumn(table, column.name(), this));
    }

    @Override
    public String describe() {
        return "add column " + column.name() + " to " + table;
    }
}
