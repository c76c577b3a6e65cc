package dev.strata.model;

import dev.strata.sql.SqlText;

import java.util.Objects;

/**
 * The schema-qualified name of a database object (a table, view, index, sequence, type, function…).
 * Names are stored as PostgreSQL keeps them (unquoted, case preserved); {@link #quoted()} is the one place
 * the model quotes them. Ordered by schema, then name, by code point.
 *
 * @param schema the schema name, never blank
 * @param name   the object name, never blank
 */
public record ObjectName(String schema, String name) implements Comparable<ObjectName> {

    public ObjectName {
        schema = Names.require(schema, "schema");
        name = Names.require(name, "name");
    }

    public static ObjectName of(String schema, String name) {
        return new ObjectName(schema, name);
    }

    /**
     * Parses {@code schema.name} as written by {@link #toString()}: the schema ends at the first dot, unless
     * it is double-quoted ({@code "my.schema".name}); the name is the rest, verbatim.
     */
    public static ObjectName parse(String text) {
        Objects.requireNonNull(text, "text");
        String schema;
        int rest;
        if (text.startsWith("\"")) {
            StringBuilder b = new StringBuilder();
            int i = 1;
            while (true) {
                int q = text.indexOf('"', i);
                if (q < 0) {
                    throw new IllegalArgumentException("unterminated quoted schema in: " + text);
                }
                b.append(text, i, q);
                if (q + 1 < text.length() && text.charAt(q + 1) == '"') {
                    b.append('"');
                    i = q + 2;
                } else {
                    i = q + 1;
                    break;
                }
            }
            schema = b.toString();
            rest = i;
        } else {
            rest = text.indexOf('.');
            schema = rest < 0 ? "" : text.substring(0, rest);
        }
        if (rest < 0 || rest >= text.length() - 1 || text.charAt(rest) != '.' || schema.isEmpty()) {
            throw new IllegalArgumentException("not a schema-qualified name: " + text);
        }
        return new ObjectName(schema, text.substring(rest + 1));
    }

    /** The name as SQL: each part quoted when PostgreSQL would need it. */
    public String quoted() {
        return SqlText.identAsPrinted(schema) + "." + SqlText.identAsPrinted(name);
    }

    @Override
    public int compareTo(ObjectName other) {
        // by schema, then name; written out because models keep thousands of names in sorted maps
        int c = schema.compareTo(other.schema);
        return c != 0 ? c : name.compareTo(other.name);
    }

    /**
     * {@code schema.name}, unquoted, for keys, JSON and messages; a schema that contains a dot or starts
     * with a double quote is double-quoted so that {@link #parse(String)} reads it back.
     */
    @Override
    public String toString() {
        boolean quote = schema.indexOf('.') >= 0 || schema.startsWith("\"");
        return (quote ? SqlText.ident(schema) : schema) + "." + name;
    }
}
