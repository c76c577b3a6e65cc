package dev.strata.model;

/**
 * An exclusion constraint.
 *
 * @param name              constraint name
 * @param columns           the plain columns among its elements (expressions are only in the definition)
 * @param definition        {@code EXCLUDE USING … (…)} as PostgreSQL prints it
 * @param deferrable        DEFERRABLE
 * @param initiallyDeferred INITIALLY DEFERRED (only when deferrable)
 * @param inherited         comes from a partitioned parent
 * @param comment           its comment, or null
 */
public record Exclusion(String name, java.util.List<String> columns, String definition, boolean deferrable,
                        boolean initiallyDeferred, boolean inherited, String comment) implements Constraint {
    public Exclusion {
        Constraint.check(name, definition, deferrable, initiallyDeferred);
        columns = Names.list(columns);
        comment = Names.optional(comment);
    }
}
