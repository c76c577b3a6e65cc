package dev.strata.op;

import java.util.Objects;

/**
 * {@code ALTER TABLE ... DROP CONSTRAINT}: ACCESS EXCLUSIVE, instant (a foreign key also locks the
 * referenced table). Dropping a unique or primary key constraint drops its index too.
 *
 * @param table   the table
 * @param name    the constraint name
 * @param restore the op that adds it back, so the drop can be reversed; null = irreversible
 */
public record DropConstraint(QualifiedName table, String name, AddConstraint restore) implements Op {
    public DropConstraint {
        Objects.requireNonNull(table, "table");
        QualifiedName.requireName(name, "constraint name");
        if (restore != null && (!restore.table().equals(table) || !restore.constraint().name().equals(name))) {
            throw new IllegalArgumentException("drop constraint " + name + " holds another constraint's definition");
        }
    }

    @Override
    public Reversal reverse() {
        return restore == null
                ? Reversal.irreversible("the dropped constraint's definition was not given")
                : Reversal.of(restore);
    }

    @Override
    public String describe() {
        return "drop constraint " + name + " from " + table;
    }
}
