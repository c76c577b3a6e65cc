package dev.strata.op;

import dev.strata.sql.SqlText;

import java.util.Objects;

/**
 * A schema-qualified object name. Both parts are taken verbatim (case and any character are kept) and
 * are quoted only when rendered, through {@link SqlText}. Ordered by schema, then name.
 *
 * @param schema the schema, never empty
 * @param name   the object name, never empty
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
    public QualifiedName {
        requireName(schema, "schema");
        requireName(name, "name");
    }

    /** A name in the {@code public} schema. */
    public static QualifiedName of(String name) {
        return new QualifiedName("public", name);
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    /** Another object in the same schema (an index lives in its table's schema). */
    public QualifiedName sibling(String otherName) {
        return new QualifiedName(schema, otherName);
    }

    /** The quoted SQL form: {@code "schema"."name"}. */
    public String sql() {
        return SqlText.qualified(schema, name);
    }

    @Override
    public int compareTo(QualifiedName o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }

    static String requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character");
        }
        return value;
    }
}
