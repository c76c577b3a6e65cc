package dev.strata.op;

import java.util.List;

/**
 * A table constraint: primary key, unique, foreign key or check. Every constraint is named, so that it
 * can be validated, dropped and reversed by name.
 */
public sealed interface ConstraintDef permits PrimaryKeyConstraint, UniqueConstraint, ForeignKeyConstraint,
        CheckConstraint {

    /** The constraint name (verbatim, quoted when rendered). */
    String name();

    /** A kind word for messages: "primary key", "unique", "foreign key", "check". */
    String kind();

    static List<String> columns(List<String> columns, String what) {
        List<String> copy = List.copyOf(columns);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one column");
        }
        copy.forEach(c -> QualifiedName.requireName(c, "column name"));
        return copy;
    }
}
