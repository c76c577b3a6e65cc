package dev.strata.op;

import java.util.Objects;

/**
 * {@code DROP TABLE}: destroys the table and its data.
 *
 * @param table      the table
 * @param definition the table as it was, so the drop can be reversed (the data is not restored); null = irreversible
 */
public record DropTable(QualifiedName table, CreateTable definition) implements Op {
    public DropTable {
        Objects.requireNonNull(table, "table");
        if (definition != null && !definition.table().equals(table)) {
            throw new IllegalArgumentException("drop " + table + " holds the definition of " + definition.table());
        }
    }

    @Override
    public Reversal reverse() {
        return definition == null
                ? Reversal.irreversible("the dropped table's definition was not given")
                : Reversal.of(definition);
    }

    @Override
    public String describe() {
        return "drop table " + table;
    }
}
