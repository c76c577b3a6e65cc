package dev.strata.op;

import java.util.Objects;

/**
 * {@code ALTER TABLE ... VALIDATE CONSTRAINT}: SHARE UPDATE EXCLUSIVE (reads and writes go on), scans
 * the table, in a transaction of its own. Its reverse is empty: validating changes no data and there is
 * no way (nor need) to mark a constraint NOT VALID again.
 */
public record ValidateConstraint(QualifiedName table, String name) implements Op {
    public ValidateConstraint {
        Objects.requireNonNull(table, "table");
        QualifiedName.requireName(name, "constraint name");
    }

    @Override
    public Reversal reverse() {
        return new Reversal.Reversible(java.util.List.of());
    }

    @Override
    public String describe() {
        return "validate constraint " + name + " of " + table;
    }
}
