package dev.strata.model;

import java.util.List;

/**
 * One key element of an index.
 *
 * @param expression    the column name or the expression, as {@code pg_get_indexdef(index, n, true)} prints it
 * @param collation     the collation as SQL when it differs from the column's, or null
 * @param opclass       the operator class (qualified) when not the default one for the type, or null
 * @param opclassParams operator class parameters such as {@code siglen=32}, in catalog order
 * @param descending    DESC
 * @param nullsFirst    NULLS FIRST (the default for DESC; stated here as stored)
 */
public record IndexKey(String expression, String collation, String opclass, List<String> opclassParams,
                       boolean descending, boolean nullsFirst) {
    public IndexKey {
        expression = Names.require(expression, "expression");
        collation = Names.optional(collation);
        opclass = Names.optional(opclass);
        opclassParams = Names.list(opclassParams);
    }

    public static IndexKey of(String expression) {
        return new IndexKey(expression, null, null, List.of(), false, false);
    }
}
