package dev.strata.model;

/**
 * A check constraint.
 *
 * @param name       constraint name
 * @param definition {@code CHECK (…)} as PostgreSQL prints it (with NOT VALID when not validated)
 * @param validated  false when added NOT VALID and not validated since
 * @param noInherit  NO INHERIT
 * @param inherited  comes from a parent table
 * @param comment    its comment, or null
 */
public record Check(String name, String definition, boolean validated, boolean noInherit, boolean inherited,
                    String comment) implements Constraint {
    public Check {
        Constraint.check(name, definition, false, false);
        comment = Names.optional(comment);
    }
}
