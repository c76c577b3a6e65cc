package dev.strata.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * An enum type.
 *
 * @param name    the type name
 * @param labels  labels in sort order, unique
 * @param comment its comment, or null
 */
public record EnumType(ObjectName name, List<String> labels, String comment) {
    public EnumType {
        Objects.requireNonNull(name, "name");
        labels = Names.list(labels);
        comment = Names.optional(comment);
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("enum " + name + " repeats a label");
        }
    }
}
