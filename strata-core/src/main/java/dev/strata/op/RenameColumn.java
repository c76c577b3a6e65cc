package dev.strata.op;

import java.util.Objects;

/**
 * {@code ALTER TABLE ... RENAME COLUMN}: the blocking form (ACCESS EXCLUSIVE, instant, breaks clients
 * using the old name). For a rename that old and new code survive, use {@link ExpandColumnRename} in one
 * revision and {@link ContractColumnRename} in a later one.
 */
public record RenameColumn(QualifiedName table, String column, String newName) implements Op {
    public RenameColumn {
        Objects.requireNonNull(table, "table");
        QualifiedName.requireName(column, "column");
        QualifiedName.requireName(newName, "new name");
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new RenameColumn(table, newName, column));
    }

    @Override
    public String describe() {
        return "rename column " + column + " of " + table + " to " + newName;
    }
}
