package dev.strata.op;

import java.util.Objects;

/**
 * {@code ALTER TABLE ... RENAME TO}: ACCESS EXCLUSIVE, instant, but breaks clients using the old name.
 *
 * @param table   the table under its current name
 * @param newName the new name (same schema)
 */
public record RenameTable(QualifiedName table, String newName) implements Op {
    public RenameTable {
        Objects.requireNonNull(table, "table");
        QualifiedName.requireName(newName, "new name");
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new RenameTable(table.sibling(newName), table.name()));
    }

    @Override
    public String describe() {
        return "rename table " + table + " to " + newName;
    }
}
