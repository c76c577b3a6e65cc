package dev.strata.op.ext;

import java.util.Locale;

/**
 * pgvector operator classes: the distance an index serves. It must match the operator queries use
 * ({@code <->} L2, {@code <=>} cosine, {@code <#>} inner product), or the index is silently unused (safety
 * row V4). The {@code HALFVEC_*} classes go with {@code halfvec} columns.
 */
public enum VectorOpclass {
    VECTOR_L2_OPS,
    VECTOR_COSINE_OPS,
    VECTOR_IP_OPS,
    HALFVEC_L2_OPS,
    HALFVEC_COSINE_OPS,
    HALFVEC_IP_OPS;

    /** The operator class name as written in SQL: {@code vector_cosine_ops}. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operator class named {@code name} ({@code vector_cosine_ops}); anything else is refused with the list of known ones. */
    public static VectorOpclass parse(String name) {
        for (VectorOpclass o : values()) {
            if (o.sql().equals(name)) {
                return o;
            }
        }
        throw Checks.invalid("unknown pgvector operator class '" + name
                + "'; use one of vector_l2_ops, vector_cosine_ops, vector_ip_ops, halfvec_l2_ops, halfvec_cosine_ops, halfvec_ip_ops");
    }
}
