package dev.strata.op.ext;

import java.util.Objects;

/**
 * One column of a TimescaleDB {@code compress_orderby} list.
 *
 * @param column     the column
 * @param descending {@code DESC}
 */
public record OrderColumn(String column, boolean descending) {
    public OrderColumn {
        Objects.requireNonNull(column, "column");
        Checks.name(column, "order-by column", "compression order");
    }

    public static OrderColumn asc(String column) {
        return new OrderColumn(column, false);
    }

    public static OrderColumn desc(String column) {
        return new OrderColumn(column, true);
    }
}
