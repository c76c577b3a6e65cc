package dev.strata.op;

import java.util.List;

/**
 * {@code CONSTRAINT name PRIMARY KEY (columns)}.
 *
 * @param name    constraint name (and, when added online, the name of the unique index built for it)
 * @param columns key columns, in order, at least one
 */
public record PrimaryKeyConstraint(String name, List<String> columns) implements ConstraintDef {
    public PrimaryKeyConstraint {
        QualifiedName.requireName(name, "constraint name");
        columns = ConstraintDef.columns(columns, "primary key " + name);
    }

    @Override
    public String kind() {
        return "primary key";
    }
}
