package dev.strata.model;

import java.util.List;
import java.util.Objects;

/**
 * A composite type ({@code CREATE TYPE … AS (…)}).
 *
 * @param name       the type name
 * @param attributes attributes in order
 * @param comment    its comment, or null
 */
public record CompositeType(ObjectName name, List<TypeAttribute> attributes, String comment) {
    public CompositeType {
        Objects.requireNonNull(name, "name");
        attributes = Names.list(attributes);
        comment = Names.optional(comment);
    }
}
