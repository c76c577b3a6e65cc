package dev.strata.op;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The body of {@link Operations#createTable}: {@code t -> t.column("id", "bigint", c -> c.identity())
 * .primaryKey("id").column("email", "text", c -> c.notNull())}.
 */
public final class TableBuilder {
    private final QualifiedName table;
    private final List<ColumnDef> columns = new ArrayList<>();
    private final List<ConstraintDef> constraints = new ArrayList<>();
    private List<String> primaryKey = List.of();
    private boolean unlogged;
    private String comment;

    TableBuilder(QualifiedName table) {
        this.table = table;
    }

    /** A nullable column. */
    public TableBuilder column(String name, String type) {
        return column(name, type, c -> {
        });
    }

    public TableBuilder column(String name, String type, Consumer<ColumnBuilder> spec) {
        ColumnBuilder b = new ColumnBuilder();
        spec.accept(b);
        columns.add(b.build(name, type));
        return this;
    }

    /** {@code PRIMARY KEY (columns)}, named {@code <table>_pkey} by PostgreSQL. */
    public TableBuilder primaryKey(String... columns) {
        primaryKey = List.of(columns);
        return this;
    }

    /** {@code CONSTRAINT name UNIQUE (columns)}. */
    public TableBuilder unique(String name, String... columns) {
        constraints.add(new UniqueConstraint(name, List.of(columns), false));
        return this;
    }

    /** {@code CONSTRAINT name CHECK (expression)}. */
    public TableBuilder check(String name, String expression) {
        constraints.add(new CheckConstraint(name, expression));
        return this;
    }

    /** {@code CONSTRAINT name FOREIGN KEY (columns) REFERENCES refTable (refColumns)}, refTable in the same schema. */
    public TableBuilder foreignKey(String name, List<String> columns, String refTable, List<String> refColumns,
                                  Consumer<ForeignKeyBuilder> spec) {
        ForeignKeyBuilder b = new ForeignKeyBuilder();
        spec.accept(b);
        constraints.add(b.build(name, columns, table.sibling(refTable), refColumns));
        return this;
    }

    /** {@code UNLOGGED}: not crash-safe, not replicated. */
    public TableBuilder unlogged() {
        unlogged = true;
        return this;
    }

    /** {@code COMMENT ON TABLE}. */
    public TableBuilder comment(String text) {
        comment = text;
        return this;
    }

    CreateTable build() {
        return new CreateTable(table, columns, primaryKey, constraints, unlogged, comment);
    }
}
