package dev.strata.model;

/**
 * A primary key.
 *
 * @param name              constraint name
 * @param columns           key columns in key order, at least one
 * @param definition        {@code PRIMARY KEY (…)} as PostgreSQL prints it
 * @param deferrable        DEFERRABLE
 * @param initiallyDeferred INITIALLY DEFERRED (only when deferrable)
 * @param inherited         comes from a partitioned parent
 * @param comment           its comment, or null
 */
public record PrimaryKey(String name, java.util.List<String> columns, String definition, boolean deferrable,
                         boolean initiallyDeferred, boolean inherited, String comment) implements Constraint {
    public PrimaryKey {
        Constraint.check(name, definition, deferrable, initiallyDeferred);
        columns = Names.list(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("primary key " + name + " has no columns");
        }
        comment = Names.optional(comment);
    }
}
