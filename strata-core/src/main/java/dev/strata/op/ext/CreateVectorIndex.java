package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.op.Mode;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A pgvector index: {@code CREATE INDEX [CONCURRENTLY] name ON table USING hnsw|ivfflat (column opclass)
 * WITH (...)}. Online (the default) it is built with CONCURRENTLY outside a transaction, so writes go on
 * during a build that can take hours (safety row V2); a table created in the same rendered list gets the
 * plain form. Parameters are checked against pgvector's ranges: IVFFlat {@code lists} 1..32768; HNSW
 * {@code m} 2..100 and {@code ef_construction} 4..1000 with {@code ef_construction >= 2 * m}; null means
 * pgvector's default (lists 100, m 16, ef_construction 64).
 *
 * <p><b>Deferring an IVFFlat build</b> (seed 000 §2.4 and §8.3: IVFFlat needs data). With
 * {@code deferUntilRows}, the op renders one statement in its own transaction: a {@code DO} block that
 * builds the index (plain {@code CREATE INDEX IF NOT EXISTS}: PostgreSQL cannot run CONCURRENTLY inside a
 * block) only when the table has at least one row, and otherwise only raises a notice that the build was
 * deferred. It is meant for tables that are new or small when the revision runs (a fresh environment, the
 * baseline). The index is then built once data is loaded by the same op without {@code deferUntilRows} and
 * with {@code ifNotExists}, online, from a later (e.g. scheduled or post-load) revision: a no-op where the
 * deferred build already happened. On a table that is already big, do not defer: the guarded build blocks
 * writes for its whole duration, and the statement says so ({@code BLOCKS_WRITES}).
 *
 * @param name           index name (in the table's schema)
 * @param table          the table
 * @param column         the vector column
 * @param method         HNSW or IVFFlat
 * @param opclass        the distance the index serves
 * @param lists          IVFFlat lists, or null (IVFFlat only)
 * @param m              HNSW max connections per layer, or null (HNSW only)
 * @param efConstruction HNSW candidate list size while building, or null (HNSW only)
 * @param mode           online (CONCURRENTLY, the default) or blocking
 * @param ifNotExists    {@code IF NOT EXISTS}
 * @param deferUntilRows IVFFlat only: build only if the table has rows, see above
 */
public record CreateVectorIndex(String name, QualifiedName table, String column, VectorIndexMethod method,
                                VectorOpclass opclass, Integer lists, Integer m, Integer efConstruction, Mode mode,
                                boolean ifNotExists, boolean deferUntilRows) implements ExtensionOp {
    public CreateVectorIndex {
        Objects.requireNonNull(table, "table");
        String where = "vector index " + name + " on " + table;
        Checks.name(name, "index name", where);
        Checks.name(column, "column", where);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(opclass, "opclass");
        mode = mode == null ? Mode.ONLINE : mode;
        if (method == VectorIndexMethod.IVFFLAT) {
            if (m != null || efConstruction != null) {
                throw Checks.invalid(where + ": m and ef_construction are HNSW parameters; use lists for IVFFlat");
            }
            if (lists != null) {
                Checks.range(lists, 1, 32_768, "lists", where);
            }
        } else {
            if (lists != null) {
                throw Checks.invalid(where + ": lists is an IVFFlat parameter; use m and ef_construction for HNSW");
            }
            if (deferUntilRows) {
                throw Checks.invalid(where + ": only IVFFlat builds need rows; build HNSW indexes right away (drop deferUntilRows)");
            }
            int effectiveM = m == null ? 16 : Checks.range(m, 2, 100, "m", where);
            int effectiveEf = efConstruction == null ? 64 : Checks.range(efConstruction, 4, 1000, "ef_construction", where);
            if (effectiveEf < 2 * effectiveM) {
                throw Checks.invalid(where + ": ef_construction (" + effectiveEf + ") must be at least 2 * m (" + effectiveM
                        + "); raise ef_construction or lower m");
            }
        }
    }

    /** An HNSW index with pgvector's default parameters, built online. */
    public static CreateVectorIndex hnsw(String name, QualifiedName table, String column, VectorOpclass opclass) {
        return new CreateVectorIndex(name, table, column, VectorIndexMethod.HNSW, opclass, null, null, null,
                Mode.ONLINE, false, false);
    }

    /** An IVFFlat index with {@code lists} lists (null: pgvector's default), built online. */
    public static CreateVectorIndex ivfflat(String name, QualifiedName table, String column, VectorOpclass opclass,
                                            Integer lists) {
        return new CreateVectorIndex(name, table, column, VectorIndexMethod.IVFFLAT, opclass, lists, null, null,
                Mode.ONLINE, false, false);
    }

    /** The same index with HNSW parameters. */
    public CreateVectorIndex withHnsw(Integer newM, Integer newEfConstruction) {
        return new CreateVectorIndex(name, table, column, method, opclass, lists, newM, newEfConstruction, mode,
                ifNotExists, deferUntilRows);
    }

    public CreateVectorIndex withMode(Mode newMode) {
        return new CreateVectorIndex(name, table, column, method, opclass, lists, m, efConstruction, newMode,
                ifNotExists, deferUntilRows);
    }

    public CreateVectorIndex withIfNotExists(boolean value) {
        return new CreateVectorIndex(name, table, column, method, opclass, lists, m, efConstruction, mode, value,
                deferUntilRows);
    }

    /** The same IVFFlat index, built only when the table has rows (see the class comment). */
    public CreateVectorIndex withDeferUntilRows(boolean value) {
        return new CreateVectorIndex(name, table, column, method, opclass, lists, m, efConstruction, mode,
                ifNotExists, value);
    }

    /** The schema-qualified index name. */
    public QualifiedName qualifiedName() {
        return table.sibling(name);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropVectorIndex(qualifiedName(), this, mode));
    }

    @Override
    public String describe() {
        return "create " + method.sql() + " index " + name + " on " + table + " (" + column + ")"
                + (deferUntilRows ? " when it has rows" : "");
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
