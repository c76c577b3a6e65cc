package dev.strata.model;

/**
 * A table column. At most one of default, identity and generated expression is set.
 *
 * @param name       the column name
 * @param type       the type as PostgreSQL's {@code format_type} prints it, e.g. {@code integer[]},
 *                   {@code character varying(20)}, {@code public.geometry(Point,4326)}
 * @param notNull    whether it has a NOT NULL constraint
 * @param defaultSql the default expression, or null
 * @param identity   identity settings, or null
 * @param generated  the expression of a stored generated column, or null
 * @param collation  the collation as SQL (e.g. {@code "C"}) when it differs from the type's, or null
 * @param inherited  whether it comes from a parent (inheritance or partitioning) rather than being declared here
 * @param comment    its comment, or null
 */
public record Column(String name, String type, boolean notNull, String defaultSql, Identity identity,
                     String generated, String collation, boolean inherited, String comment) {
    public Column {
        name = Names.require(name, "name");
        type = Names.require(type, "type");
        defaultSql = Names.optional(defaultSql);
        generated = Names.optional(generated);
        collation = Names.optional(collation);
        comment = Names.optional(comment);
        int set = (defaultSql != null ? 1 : 0) + (identity != null ? 1 : 0) + (generated != null ? 1 : 0);
        if (set > 1) {
            throw new IllegalArgumentException("column " + name + " has more than one of default, identity, generated");
        }
    }

    /** A plain nullable column of the given type. */
    public static Column of(String name, String type) {
        return new Column(name, type, false, null, null, null, null, false, null);
    }

    public Column withNotNull(boolean value) {
        return new Column(name, type, value, defaultSql, identity, generated, collation, inherited, comment);
    }

    public Column withDefault(String value) {
        return new Column(name, type, notNull, value, identity, generated, collation, inherited, comment);
    }

    public Column withComment(String value) {
        return new Column(name, type, notNull, defaultSql, identity, generated, collation, inherited, value);
    }
}
