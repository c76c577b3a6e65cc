package dev.strata.op;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code CREATE [UNLOGGED] TABLE}. A new table is invisible to other sessions until commit, so the
 * renderer uses plain (blocking) forms for every later op on it in the same list.
 *
 * @param table       the table
 * @param columns     columns in order, at least one, unique names
 * @param primaryKey  primary key columns (PostgreSQL names the constraint {@code <table>_pkey}); may be empty
 * @param constraints further named constraints (unique, foreign key, check; a primary key here excludes {@code primaryKey})
 * @param unlogged    {@code UNLOGGED}
 * @param comment     table comment, or null
 */
public record CreateTable(QualifiedName table, List<ColumnDef> columns, List<String> primaryKey,
                          List<ConstraintDef> constraints, boolean unlogged, String comment) implements Op {
    public CreateTable {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " has no columns");
        }
        Set<String> names = new HashSet<>();
        for (ColumnDef c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("table " + table + " has column " + c.name() + " twice");
            }
        }
        for (String k : primaryKey) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("primary key of " + table + " names unknown column " + k);
            }
        }
        boolean pkConstraint = constraints.stream().anyMatch(c -> c instanceof PrimaryKeyConstraint);
        if (pkConstraint && !primaryKey.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " has two primary keys");
        }
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropTable(table, this));
    }

    @Override
    public String describe() {
        return "create table " + table;
    }
}
