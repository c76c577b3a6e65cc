package dev.strata.op.ext;

/**
 * pgvector's index access methods. HNSW builds a graph: slower to build, better speed/recall, and fine to
 * build on an empty table. IVFFlat clusters the rows present at build time into {@code lists} (k-means), so
 * built on an empty or unrepresentative table its recall stays poor until rebuilt (safety row V1).
 */
public enum VectorIndexMethod {
    HNSW("hnsw"),
    IVFFLAT("ivfflat");

    private final String sql;

    VectorIndexMethod(String sql) {
        this.sql = sql;
    }

    /** The access method name as written after USING. */
    public String sql() {
        return sql;
    }
}
