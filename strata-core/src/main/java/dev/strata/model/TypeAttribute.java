package dev.strata.model;

/**
 * An attribute of a composite type.
 *
 * @param name      attribute name
 * @param type      its type as {@code format_type} prints it
 * @param collation the collation as SQL when it differs from the type's, or null
 */
public record TypeAttribute(String name, String type, String collation) {
    public TypeAttribute {
        name = Names.require(name, "name");
        type = Names.require(type, "type");
        collation = Names.optional(collation);
    }
}
