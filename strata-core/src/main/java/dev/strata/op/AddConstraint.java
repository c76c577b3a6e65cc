package dev.strata.op;

import java.util.Objects;

/**
 * {@code ALTER TABLE ... ADD CONSTRAINT}. Online (the default) it never scans or builds under a strong
 * lock: checks and foreign keys are added {@code NOT VALID} and validated in their own transaction;
 * unique constraints and primary keys are built as a unique index concurrently and attached
 * {@code USING INDEX}. See {@link ConstraintRenderer}.
 *
 * @param table      the table
 * @param constraint the constraint
 * @param mode       online or blocking
 */
public record AddConstraint(QualifiedName table, ConstraintDef constraint, Mode mode) implements Op {
    public AddConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(constraint, "constraint");
        mode = mode == null ? Mode.ONLINE : mode;
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropConstraint(table, constraint.name(), this));
    }

    @Override
    public String describe() {
        return "add " + constraint.kind() + " constraint " + constraint.name() + " to " + table;
    }
}
