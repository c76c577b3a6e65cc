package dev.strata.model;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key.
 *
 * @param name              constraint name
 * @param columns           referencing columns, at least one
 * @param referencedTable   the referenced table
 * @param referencedColumns referenced columns, as many as {@code columns}
 * @param onUpdate          ON UPDATE action
 * @param onDelete          ON DELETE action
 * @param match             MATCH type
 * @param definition        {@code FOREIGN KEY (…) REFERENCES …} as PostgreSQL prints it
 * @param validated         false when added NOT VALID and not validated since
 * @param deferrable        DEFERRABLE
 * @param initiallyDeferred INITIALLY DEFERRED (only when deferrable)
 * @param inherited         comes from a parent table
 * @param comment           its comment, or null
 */
public record ForeignKey(String name, List<String> columns, ObjectName referencedTable,
                         List<String> referencedColumns, ReferentialAction onUpdate, ReferentialAction onDelete,
                         MatchType match, String definition, boolean validated, boolean deferrable,
                         boolean initiallyDeferred, boolean inherited, String comment) implements Constraint {
    public ForeignKey {
        Constraint.check(name, definition, deferrable, initiallyDeferred);
        columns = Names.list(columns);
        referencedColumns = Names.list(referencedColumns);
        Objects.requireNonNull(referencedTable, "referencedTable");
        Objects.requireNonNull(onUpdate, "onUpdate");
        Objects.requireNonNull(onDelete, "onDelete");
        Objects.requireNonNull(match, "match");
        if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " needs as many referenced columns as columns");
        }
        comment = Names.optional(comment);
    }
}
