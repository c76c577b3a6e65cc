package dev.strata.model;

/**
 * A schema (namespace).
 *
 * @param name    the schema name
 * @param comment its comment, or null
 */
public record Schema(String name, String comment) {
    public Schema {
        name = Names.require(name, "name");
        comment = Names.optional(comment);
    }
}
