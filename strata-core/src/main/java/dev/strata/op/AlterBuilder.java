package dev.strata.op;

import java.util.List;

/**
 * What {@link Operations#alterColumn} changes: {@code a -> a.type("integer", "bigint").setNotNull()}.
 * Give the type either as a change ({@code type(from, to)}) or, when it stays, as the current type
 * ({@code type("text")}), so the recorded op describes the column fully.
 */
public final class AlterBuilder {
    private String fromType;
    private String toType;
    private String using;
    private String reverseUsing;
    private Boolean fromNullable;
    private Boolean toNullable;
    private String fromDefault;
    private String toDefault;
    private List<String> key = List.of("id");
    private Mode mode = Mode.ONLINE;
    private dev.strata.plan.Backfill.Strategy strategy = dev.strata.plan.Backfill.Strategy.AUTO;

    AlterBuilder() {
    }

    public AlterBuilder type(String current) {
        return type(current, current);
    }

    public AlterBuilder type(String from, String to) {
        fromType = from;
        toType = to;
        return this;
    }

    /** {@code USING expression} for the type change, and for the way back (null: plain cast). */
    public AlterBuilder using(String expression, String reverseExpression) {
        using = expression;
        reverseUsing = reverseExpression;
        return this;
    }

    /**
     * States that the column is NOT NULL and stays so (for a type change). Without it the op describes a
     * nullable column; an online type change of a NOT NULL column refuses to run unless told (the
     * expand/contract form builds a new column and would otherwise end without the constraint).
     */
    public AlterBuilder notNull() {
        fromNullable = false;
        toNullable = false;
        return this;
    }

    /** Makes a nullable column NOT NULL. */
    public AlterBuilder setNotNull() {
        fromNullable = true;
        toNullable = false;
        return this;
    }

    /** Makes a NOT NULL column nullable. */
    public AlterBuilder dropNotNull() {
        fromNullable = false;
        toNullable = true;
        return this;
    }

    /** Changes the default from {@code from} to {@code to} (either null: none). */
    public AlterBuilder changeDefault(String from, String to) {
        fromDefault = from;
        toDefault = to;
        return this;
    }

    /** Key columns an expand/contract backfill walks (default {@code id}). */
    public AlterBuilder key(String... columns) {
        key = List.of(columns);
        return this;
    }

    /**
     * How the online form fills the rows when it must write every one (a volatile default, a type change that
     * rewrites): {@code IN_PLACE} (batched UPDATE), {@code COPY_SWAP} (a shadow table filled in batches and
     * swapped in), or {@code AUTO} (the default: chosen at run time from the table; see
     * {@link dev.strata.plan.Backfill.Strategy}).
     */
    public AlterBuilder strategy(dev.strata.plan.Backfill.Strategy strategy) {
        this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /** One plain {@code ALTER TABLE} (may rewrite or scan under ACCESS EXCLUSIVE). */
    public AlterBuilder blocking() {
        mode = Mode.BLOCKING;
        return this;
    }

    AlterColumn build(QualifiedName table, String column) {
        if (fromType == null) {
            throw new IllegalArgumentException("alter column " + column + " of " + table + ": give its type, type(current) or type(from, to)");
        }
        boolean nullable = fromNullable == null || fromNullable;
        ColumnDef from = new ColumnDef(column, fromType, nullable, fromDefault, null, null);
        ColumnDef to = new ColumnDef(column, toType, toNullable == null ? nullable : toNullable, toDefault, null, null);
        return new AlterColumn(table, from, to, using, reverseUsing, key, mode, strategy);
    }
}
