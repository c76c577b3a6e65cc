package dev.strata.op;

import java.util.List;

/**
 * {@code CONSTRAINT name UNIQUE [NULLS NOT DISTINCT] (columns)}.
 *
 * @param name              constraint name (and, when added online, the name of its unique index)
 * @param columns           columns, in order, at least one
 * @param nullsNotDistinct  PostgreSQL 15's {@code NULLS NOT DISTINCT}
 */
public record UniqueConstraint(String name, List<String> columns, boolean nullsNotDistinct) implements ConstraintDef {
    public UniqueConstraint {
        QualifiedName.requireName(name, "constraint name");
        columns = ConstraintDef.columns(columns, "unique constraint " + name);
    }

    @Override
    public String kind() {
        return "unique";
    }
}
