package dev.strata.model;

import java.util.Objects;

/**
 * A function or procedure (aggregates are not modelled). Overloads share a name, so the model keys them by
 * {@link #key()}: the name with its identity arguments.
 *
 * @param name              the function name
 * @param identityArguments {@code pg_get_function_identity_arguments}, e.g. {@code a integer, b text}; may be empty
 * @param kind              FUNCTION, PROCEDURE or WINDOW
 * @param result            {@code pg_get_function_result}, e.g. {@code trigger}; null for a procedure
 * @param language          the language name, e.g. plpgsql
 * @param definition        the full {@code CREATE OR REPLACE …} text from {@code pg_get_functiondef}
 * @param comment           its comment, or null
 */
public record Function(ObjectName name, String identityArguments, Kind kind, String result, String language,
                       String definition, String comment) {
    /** What {@code pg_proc.prokind} says. */
    public enum Kind { FUNCTION, PROCEDURE, WINDOW }

    public Function {
        Objects.requireNonNull(name, "name");
        identityArguments = identityArguments == null ? "" : identityArguments;
        Objects.requireNonNull(kind, "kind");
        result = Names.optional(result);
        language = Names.require(language, "language");
        definition = Names.require(definition, "definition");
        comment = Names.optional(comment);
    }

    /** {@code schema} and {@code name(identity arguments)}: unique among functions and procedures. */
    public ObjectName key() {
        return new ObjectName(name.schema(), name.name() + "(" + identityArguments + ")");
    }
}
