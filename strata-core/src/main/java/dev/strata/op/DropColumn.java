package dev.strata.op;

import java.util.Objects;

/**
 * {@code ALTER TABLE ... DROP COLUMN}: ACCESS EXCLUSIVE (instant, catalog only); the data is lost.
 *
 * @param table   the table
 * @param column  the column
 * @param restore the op that adds the column back (its definition), so the drop can be reversed
 *                without its data; null = irreversible
 */
public record DropColumn(QualifiedName table, String column, AddColumn restore) implements Op {
    public DropColumn {
        Objects.requireNonNull(table, "table");
        QualifiedName.requireName(column, "column");
        if (restore != null && (!restore.table().equals(table) || !restore.column().name().equals(column))) {
            throw new IllegalArgumentException("drop column " + column + " of " + table + " holds another column's definition");
        }
    }

    @Override
    public Reversal reverse() {
        return restore == null
                ? Reversal.irreversible("the dropped column's definition was not given")
                : Reversal.of(restore);
    }

    @Override
    public String describe() {
        return "drop column " + column + " from " + table;
    }
}
