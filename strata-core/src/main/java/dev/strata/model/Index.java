package dev.strata.model;

import java.util.List;
import java.util.Objects;

/**
 * An index on a table or a materialized view. Index names are unique per schema, and an index lives in its
 * table's schema. {@link #definition()} ({@code pg_get_indexdef}) recreates it; the other fields are the same
 * facts taken apart for comparison.
 *
 * @param name        the index name (schema of its table)
 * @param table       the table or materialized view it indexes
 * @param unique      UNIQUE
 * @param method      the access method: btree, hash, gist, gin, brin, spgist…
 * @param keys        key elements in order, at least one
 * @param include     INCLUDE columns in order
 * @param predicate   the WHERE clause of a partial index, or null
 * @param definition  {@code CREATE [UNIQUE] INDEX …} as PostgreSQL prints it
 * @param valid       false for an index left invalid by a failed concurrent build
 * @param constraint  the name of the primary key, unique or exclusion constraint it backs, or null
 * @param parentIndex the partitioned index this one is attached to, or null
 * @param comment     its comment, or null
 */
public record Index(ObjectName name, ObjectName table, boolean unique, String method, List<IndexKey> keys,
                    List<String> include, String predicate, String definition, boolean valid, String constraint,
                    ObjectName parentIndex, String comment) {
    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        method = Names.require(method, "method");
        keys = Names.list(keys);
        include = Names.list(include);
        predicate = Names.optional(predicate);
        definition = Names.require(definition, "definition");
        constraint = Names.optional(constraint);
        comment = Names.optional(comment);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " has no keys");
        }
        if (!name.schema().equals(table.schema())) {
            throw new IllegalArgumentException("index " + name + " must be in the schema of its table " + table);
        }
    }
}
