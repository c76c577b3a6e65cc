package dev.strata.op;

import java.util.Objects;

/**
 * {@code ALTER TYPE ... ADD VALUE [IF NOT EXISTS] 'value' [BEFORE|AFTER 'neighbour']}: catalog only. Since
 * PostgreSQL 12 it may run in a transaction, but the new label cannot be used until that transaction
 * commits, so use it in a later revision.
 *
 * <p>Irreversible: PostgreSQL has no {@code DROP VALUE}. Removing a label means creating a new type,
 * rewriting every column that uses the old one ({@code ALTER COLUMN ... TYPE ... USING}, a table rewrite
 * under ACCESS EXCLUSIVE) and failing on rows that hold the label, which is a data decision an
 * automatic downgrade must not make. Write that downgrade by hand if you need it.
 *
 * @param type        the enum type
 * @param value       the new label
 * @param before      true: {@code BEFORE neighbour}; false: {@code AFTER neighbour}
 * @param neighbour   the existing label to place it next to, or null to append at the end
 * @param ifNotExists {@code IF NOT EXISTS}
 */
public record AddEnumValue(QualifiedName type, String value, boolean before, String neighbour, boolean ifNotExists)
        implements Op {
    public AddEnumValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public Reversal reverse() {
        return Reversal.irreversible("PostgreSQL cannot drop an enum label; recreate the type by hand");
    }

    @Override
    public String describe() {
        return "add value " + value + " to enum " + type;
    }
}
