package dev.strata.op;

import dev.strata.plan.Backfill.Strategy;

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
 * @param strategy how an online backfill of the column is made (in place, copy-and-swap, or chosen at run time)
 */
public record AddColumn(QualifiedName table, ColumnDef column, List<String> key, Mode mode, Strategy strategy)
        implements Op {
    public AddColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        key = key == null ? List.of() : List.copyOf(key);
        mode = mode == null ? Mode.ONLINE : mode;
        strategy = strategy == null ? Strategy.AUTO : strategy;
    }

    /** With the backfill strategy chosen at run time ({@link Strategy#AUTO}). */
    public AddColumn(QualifiedName table, ColumnDef column, List<String> key, Mode mode) {
        this(table, column, key, mode, Strategy.AUTO);
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
