package dev.strata.op;

import java.util.Map;
import java.util.TreeMap;

/**
 * One key of an index: a column or an expression, with its operator class and ordering.
 *
 * @param column        column name, or null when {@code expression} is given
 * @param expression    an expression as SQL text (rendered in parentheses), or null when {@code column} is given
 * @param opclass       operator class ({@code vector_cosine_ops}, {@code gin_trgm_ops}), or null for the default
 * @param opclassParams operator class parameters ({@code siglen=32}), rendered sorted by name; may be empty
 * @param descending    {@code DESC}
 * @param nullsFirst    {@code NULLS FIRST} (true), {@code NULLS LAST} (false), or null for the default
 */
public record IndexKey(String column, String expression, String opclass, Map<String, String> opclassParams,
                       boolean descending, Boolean nullsFirst) {
    public IndexKey {
        if ((column == null) == (expression == null)) {
            throw new IllegalArgumentException("an index key is a column or an expression, exactly one");
        }
        if (column != null) {
            QualifiedName.requireName(column, "index column");
        } else if (expression.isBlank()) {
            throw new IllegalArgumentException("blank index expression");
        }
        opclassParams = opclassParams == null ? Map.of() : Map.copyOf(new TreeMap<>(opclassParams));
        if (!opclassParams.isEmpty() && opclass == null) {
            throw new IllegalArgumentException("operator class parameters need an operator class");
        }
    }

    public static IndexKey column(String column) {
        return new IndexKey(column, null, null, Map.of(), false, null);
    }

    public static IndexKey expression(String expression) {
        return new IndexKey(null, expression, null, Map.of(), false, null);
    }

    public IndexKey withOpclass(String newOpclass) {
        return new IndexKey(column, expression, newOpclass, opclassParams, descending, nullsFirst);
    }
}
