package dev.strata.model;

/**
 * A table constraint. Names are unique within their table. {@link #definition()} is
 * {@code pg_get_constraintdef} text, enough to recreate the constraint with
 * {@code ALTER TABLE … ADD CONSTRAINT name definition}. NOT NULL is a column property, not a constraint.
 */
public sealed interface Constraint permits PrimaryKey, Unique, ForeignKey, Check, Exclusion {
    String name();

    String definition();

    /** False for a constraint added NOT VALID and not validated since. */
    default boolean validated() {
        return true;
    }

    default boolean deferrable() {
        return false;
    }

    default boolean initiallyDeferred() {
        return false;
    }

    /** True when the constraint comes from a parent table or partitioned table rather than being declared here. */
    boolean inherited();

    String comment();

    /** Shared checks of the record constructors. */
    static void check(String name, String definition, boolean deferrable, boolean initiallyDeferred) {
        Names.require(name, "name");
        Names.require(definition, "definition");
        if (initiallyDeferred && !deferrable) {
            throw new IllegalArgumentException("constraint " + name + " is initially deferred but not deferrable");
        }
    }
}
