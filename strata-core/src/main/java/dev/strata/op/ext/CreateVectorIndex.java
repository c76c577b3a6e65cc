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
 * <p><b>Deferring an IVFFlat build</b> (seed 000 §2.4 and §8.3: IVFFlat needs data). IVFFlat picks its
 * {@code lists} centres from the rows present at build time (k-means over a sample), so built on an empty or
 * tiny table the lists are meaningless and recall stays poor (users report recall@10 of 0.18 on 200 rows).
 * The rule: build once the table has at least {@link #MIN_ROWS_PER_LIST} rows per list ({@code lists × 39};
 * 3,900 rows for pgvector's default 100 lists). 39 is the minimum training points per centroid below which
 * faiss's k-means warns that the clustering is unreliable; pgvector's own advice (lists = rows / 1000 up to a
 * million rows) gives about 1,000 per list, which a table reaches later. With {@code deferUntilRows} the runner
 * counts up to that many rows: below, it reports the build as deferred (a {@code RunEvent}) and goes on; a
 * later {@code strata upgrade} builds it online (CONCURRENTLY) once the table has them, and lists it as pending
 * work until then. In offline SQL, where no runner decides, the statement is a {@code DO} block that builds it
 * (plainly, blocking writes) when the rows are there and otherwise raises a notice.
 *
 * <p><b>Build resources.</b> {@code maintenanceWorkMem} and {@code parallelWorkers} set
 * {@code maintenance_work_mem} and {@code max_parallel_maintenance_workers} for the build only (SET before, RESET
 * after; SET LOCAL inside a transaction). Before each build a statement estimates the memory the graph or lists
 * need (about rows × (8 + 4 × dimensions) × 1.3 bytes, rows from the planner's estimate) and raises a WARNING
 * when it exceeds {@code maintenance_work_mem}: the build then spills to disk and takes far longer.
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
 * @param deferUntilRows IVFFlat only: build once the table has lists × 39 rows, see above
 * @param maintenanceWorkMem {@code maintenance_work_mem} for the build ({@code 2GB}), or null for the server's
 * @param parallelWorkers {@code max_parallel_maintenance_workers} for the build (0..64), or null for the server's
 * @param hypertable     the table is a TimescaleDB hypertable, which refuses CONCURRENTLY: online builds use
 *                       {@code WITH (timescaledb.transaction_per_chunk)} (one chunk at a time, each in its own
 *                       transaction; writes wait only on the chunk being indexed) and drops are plain
 */
public record CreateVectorIndex(String name, QualifiedName table, String column, VectorIndexMethod method,
                                VectorOpclass opclass, Integer lists, Integer m, Integer efConstruction, Mode mode,
                                boolean ifNotExists, boolean deferUntilRows, String maintenanceWorkMem,
                                Integer parallelWorkers, boolean hypertable) implements ExtensionOp {
    /** Rows per IVFFlat list before a deferred build runs (see the class comment). */
    public static final int MIN_ROWS_PER_LIST = 39;

    public CreateVectorIndex {
        Objects.requireNonNull(table, "table");
        String where = "vector index " + name + " on " + table;
        Checks.name(name, "index name", where);
        Checks.name(column, "column", where);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(opclass, "opclass");
        mode = mode == null ? Mode.ONLINE : mode;
        if (maintenanceWorkMem != null && !maintenanceWorkMem.strip().matches("[0-9]{1,9}\\s*(kB|MB|GB|TB)?")) {
            throw Checks.invalid(where + ": maintenance_work_mem '" + maintenanceWorkMem
                    + "' is not a memory size; give one such as '2GB' or '512MB'");
        }
        maintenanceWorkMem = maintenanceWorkMem == null ? null : maintenanceWorkMem.strip();
        if (parallelWorkers != null) {
            Checks.range(parallelWorkers, 0, 64, "max_parallel_maintenance_workers", where);
        }
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

    /** With the server's build settings. */
    public CreateVectorIndex(String name, QualifiedName table, String column, VectorIndexMethod method,
                             VectorOpclass opclass, Integer lists, Integer m, Integer efConstruction, Mode mode,
                             boolean ifNotExists, boolean deferUntilRows) {
        this(name, table, column, method, opclass, lists, m, efConstruction, mode, ifNotExists, deferUntilRows, null,
                null, false);
    }

    /** As the canonical constructor, on a plain table. */
    public CreateVectorIndex(String name, QualifiedName table, String column, VectorIndexMethod method,
                             VectorOpclass opclass, Integer lists, Integer m, Integer efConstruction, Mode mode,
                             boolean ifNotExists, boolean deferUntilRows, String maintenanceWorkMem,
                             Integer parallelWorkers) {
        this(name, table, column, method, opclass, lists, m, efConstruction, mode, ifNotExists, deferUntilRows,
                maintenanceWorkMem, parallelWorkers, false);
    }

    /** The same index on a TimescaleDB hypertable (or not): see the {@code hypertable} parameter. */
    public CreateVectorIndex withHypertable(boolean value) {
        return new CreateVectorIndex(name, table, column, method, opclass, lists, m, efConstruction, mode, ifNotExists,
                deferUntilRows, maintenanceWorkMem, parallelWorkers, value);
    }

    /** The same index built with these settings (null keeps the server's). */
    public CreateVectorIndex withBuildSettings(String newMaintenanceWorkMem, Integer newParallelWorkers) {
        return new CreateVectorIndex(name, table, column, method, opclass, lists, m, efConstruction, mode, ifNotExists,
                deferUntilRows, newMaintenanceWorkMem, newParallelWorkers, hypertable);
    }

    /** Rows the table needs before a deferred build runs: lists (pgvector's default 100) × 39. */
    public long minRows() {
        return (long) (lists == null ? 100 : lists) * MIN_ROWS_PER_LIST;
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
                ifNotExists, deferUntilRows, maintenanceWorkMem, parallelWorkers, hypertable);
    }

    public CreateVectorIndex withMode(Mode newMode) {
        return new CreateVectorIndex(name, table, column, method, opclass, lists, m, efConstruction, newMode,
                ifNotExists, deferUntilRows, maintenanceWorkMem, parallelWorkers, hypertable);
    }

    public CreateVectorIndex withIfNotExists(boolean value) {
        return new CreateVectorIndex(name, table, column, method, opclass, lists, m, efConstruction, mode, value,
                deferUntilRows, maintenanceWorkMem, parallelWorkers, hypertable);
    }

    /** The same IVFFlat index, built only when the table has rows (see the class comment). */
    public CreateVectorIndex withDeferUntilRows(boolean value) {
        return new CreateVectorIndex(name, table, column, method, opclass, lists, m, efConstruction, mode,
                ifNotExists, value, maintenanceWorkMem, parallelWorkers, hypertable);
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
                + (deferUntilRows ? " once it has " + minRows() + " rows" : "");
    }

    @Override
    public List<Statement> render(Set<QualifiedName> freshTables) {
        return ExtensionRenderer.render(this, freshTables);
    }
}
