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

    /** Quoted identifiers joined by {@code ", "}: {@code "a", "b"}. */
    public static String identList(java.util.List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String n : names) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(ident(n));
        }
        return out.toString();
    }

    /**
     * A dollar-quoted string: {@code $strata$body$strata$}, with a numbered tag ({@code $strata1$}...)
     * when the body contains the tag (or ends with a prefix of it), so the body can never close the quote.
     */
    public static String dollarQuoted(String body) {
        String tag = "$strata$";
        for (int i = 1; (body + tag).indexOf(tag) != body.length(); i++) {
            tag = "$strata" + i + "$";
        }
        return tag + body + tag;
    }
}
