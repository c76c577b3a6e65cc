package dev.strata.sql;

import java.util.Set;

/**
 * The one place that turns names and values into SQL text, for every module: identifiers are double-quoted
 * with inner quotes doubled ({@link #ident}; {@link #identAsPrinted} leaves plain names bare, as PostgreSQL
 * prints them in definitions), literals single-quoted with quotes doubled (standard_conforming_strings, on
 * since PostgreSQL 9.1). Nothing else in Strata quotes a name.
 */
public final class SqlText {
    /** Words PostgreSQL prints quoted when they are used as names. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
            "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
            "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then",
            "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
            "where", "window", "with");

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

    /**
     * An identifier as PostgreSQL prints it in definitions ({@code pg_get_*def}, {@code regclass::text}):
     * bare when it is a lower-case, non-reserved plain name, else quoted by {@link #ident}.
     */
    public static String identAsPrinted(String name) {
        boolean plain = name != null && !name.isEmpty() && !RESERVED.contains(name)
                && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; plain && i < name.length(); i++) {
            char ch = name.charAt(i);
            plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        return plain ? name : ident(name);
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
