package dev.strata.model;

/**
 * A unique constraint.
 *
 * @param name              constraint name
 * @param columns           key columns in key order, at least one
 * @param definition        {@code UNIQUE (…)} as PostgreSQL prints it (with NULLS NOT DISTINCT when set)
 * @param deferrable        DEFERRABLE
 * @param initiallyDeferred INITIALLY DEFERRED (only when deferrable)
 * @param inherited         comes from a partitioned parent
 * @param comment           its comment, or null
 */
public record Unique(String name, java.util.List<String> columns, String definition, boolean deferrable,
                     boolean initiallyDeferred, boolean inherited, String comment) implements Constraint {
    public Unique {
        Constraint.check(name, definition, deferrable, initiallyDeferred);
        columns = Names.list(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("unique constraint " + name + " has no columns");
        }
        comment = Names.optional(comment);
    }
}
