package dev.strata.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table: ordinary or partitioned, possibly a partition of another table or a child in an inheritance tree.
 *
 * @param name           the table name
 * @param partitioned    true for a partitioned table ({@code PARTITION BY}); then {@code partitionKey} is set
 * @param partitionKey   {@code pg_get_partkeydef} text such as {@code RANGE (created_at)}, or null
 * @param partitionOf    the parent when this table is a partition, or null
 * @param partitionBound the bound ({@code FOR VALUES …} or {@code DEFAULT}) when a partition, or null
 * @param inherits       parents by plain inheritance, in declaration order (empty for a partition)
 * @param unlogged       UNLOGGED
 * @param options        storage parameters ({@code fillfactor=70}), in catalog order
 * @param columns        columns in attribute-number order, names unique
 * @param constraints    constraints sorted by name, names unique
 * @param comment        its comment, or null
 */
public record Table(ObjectName name, boolean partitioned, String partitionKey, ObjectName partitionOf,
                    String partitionBound, List<ObjectName> inherits, boolean unlogged, List<String> options,
                    List<Column> columns, List<Constraint> constraints, String comment) {
    public Table {
        Objects.requireNonNull(name, "name");
        partitionKey = Names.optional(partitionKey);
        partitionBound = Names.optional(partitionBound);
        inherits = Names.list(inherits);
        options = Names.list(options);
        columns = Names.list(columns);
        constraints = Names.list(constraints).stream()
                .sorted(java.util.Comparator.comparing(Constraint::name)).toList();
        comment = Names.optional(comment);
        if (partitioned != (partitionKey != null)) {
            throw new IllegalArgumentException("table " + name + ": a partition key goes with a partitioned table");
        }
        if ((partitionOf == null) != (partitionBound == null)) {
            throw new IllegalArgumentException("table " + name + ": a partition needs both its parent and its bound");
        }
        if (partitionOf != null && !inherits.isEmpty()) {
            throw new IllegalArgumentException("table " + name + ": a partition cannot also inherit");
        }
        requireUnique(name, columns.stream().map(Column::name).toList(), "column");
        requireUnique(name, constraints.stream().map(Constraint::name).toList(), "constraint");
    }

    private static void requireUnique(ObjectName table, List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("table " + table + " has two " + what + "s named " + n);
            }
        }
    }

    /** An ordinary, logged table with the given columns and nothing else. */
    public static Table of(ObjectName name, List<Column> columns) {
        return new Table(name, false, null, null, null, List.of(), false, List.of(), columns, List.of(), null);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Optional<Constraint> constraint(String constraintName) {
        return constraints.stream().filter(c -> c.name().equals(constraintName)).findFirst();
    }

    public Optional<PrimaryKey> primaryKey() {
        return constraints.stream().filter(PrimaryKey.class::isInstance).map(PrimaryKey.class::cast).findFirst();
    }

    public Table withColumns(List<Column> value) {
        return new Table(name, partitioned, partitionKey, partitionOf, partitionBound, inherits, unlogged, options,
                value, constraints, comment);
    }

    public Table withConstraints(List<Constraint> value) {
        return new Table(name, partitioned, partitionKey, partitionOf, partitionBound, inherits, unlogged, options,
                columns, value, comment);
    }

    public Table withComment(String value) {
        return new Table(name, partitioned, partitionKey, partitionOf, partitionBound, inherits, unlogged, options,
                columns, constraints, value);
    }
}
