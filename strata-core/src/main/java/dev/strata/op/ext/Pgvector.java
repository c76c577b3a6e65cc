package dev.strata.op.ext;

/**
 * pgvector column types for {@link dev.strata.op.ColumnDef} (e.g. {@code ColumnDef.of("embedding",
 * Pgvector.vector(1536))} in a core {@code AddColumn} or {@code CreateTable}). Both types store up to 16,000
 * dimensions, but an HNSW or IVFFlat index covers at most 2,000 for {@code vector} and 4,000 for
 * {@code halfvec} (safety row V3): use {@code halfvec} for bigger embeddings you want to index. Changing the
 * dimension later rewrites the table and rebuilds its vector indexes; add a new column instead.
 */
public final class Pgvector {
    /** Largest dimension the types accept. */
    public static final int MAX_DIMENSIONS = 16_000;
    /** Largest {@code vector} dimension an HNSW/IVFFlat index accepts. */
    public static final int MAX_INDEXED_VECTOR = 2_000;
    /** Largest {@code halfvec} dimension an HNSW/IVFFlat index accepts. */
    public static final int MAX_INDEXED_HALFVEC = 4_000;

    private Pgvector() {
    }

    /** {@code vector(n)}: single-precision floats. */
    public static String vector(int dimensions) {
        return "vector(" + check(dimensions, "vector") + ")";
    }

    /** {@code halfvec(n)}: half-precision floats, half the storage. */
    public static String halfvec(int dimensions) {
        return "halfvec(" + check(dimensions, "halfvec") + ")";
    }

    private static int check(int dimensions, String type) {
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw Checks.invalid(type + "(" + dimensions + "): pgvector accepts 1 to " + MAX_DIMENSIONS
                    + " dimensions; use the embedding model's dimension");
        }
        return dimensions;
    }
}
