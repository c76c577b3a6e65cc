package dev.strata.sql;

/**
 * The one place that turns names and values into SQL text: identifiers are always double-quoted,
 * literals always single-quoted with quotes doubled (standard_conforming_strings, on since PostgreSQL 9.1).
 */
public final class SqlText {
    private SqlText() {
    }

    /** A quoted identifier: {@code "name"}, inner double quotes doubled. */
    public static String ident(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty identifier");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A schema-qualified quoted name: {@code "schema"."name"}. */
    public static String qualified(String schema, String name) {
        return ident(schema) + '.' + ident(name);
    }

    /** A string literal, or {@code NULL}. */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("text contains a NUL character");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
