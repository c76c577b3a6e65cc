package dev.strata.model;

import java.util.List;
import java.util.Objects;

/**
 * A domain.
 *
 * @param name       the domain name
 * @param baseType   the underlying type as {@code format_type} prints it
 * @param notNull    NOT NULL
 * @param defaultSql the default expression, or null
 * @param collation  the collation as SQL when it differs from the base type's, or null
 * @param checks     check constraints sorted by name
 * @param comment    its comment, or null
 */
public record Domain(ObjectName name, String baseType, boolean notNull, String defaultSql, String collation,
                     List<DomainCheck> checks, String comment) {
    public Domain {
        Objects.requireNonNull(name, "name");
        baseType = Names.require(baseType, "baseType");
        defaultSql = Names.optional(defaultSql);
        collation = Names.optional(collation);
        checks = Names.list(checks).stream().sorted(java.util.Comparator.comparing(DomainCheck::name)).toList();
        comment = Names.optional(comment);
    }
}
