package dev.strata.op.ext;

import dev.strata.op.Mode;
import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.plan.VectorBuild;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL for pgvector indexes. Online: {@code CREATE INDEX CONCURRENTLY} (SHARE UPDATE EXCLUSIVE: reads and
 * writes go on), which PostgreSQL refuses inside a transaction, hence NO_TRANSACTION; a failed build leaves
 * an INVALID index the runner drops before retrying. Blocking: plain {@code CREATE INDEX} under a SHARE lock
 * (writes wait for the whole build). On a table created in the same rendered list: the plain form inside
 * the transaction, nothing to protect. Builds are memory-hungry (safety row V2): raise
 * {@code maintenance_work_mem} for the session when the graph would not fit. Operator classes and
 * parameter names come from closed sets and are written bare; identifiers are quoted.
 */
final class VectorSql {
    private VectorSql() {
    }

    static List<Statement> create(CreateVectorIndex op, boolean freshTable) {
        if (op.deferUntilRows()) {
            return List.of(deferred(op));
        }
        if (freshTable) {
            // nobody sees the table yet and it has no rows: no memory to check, nothing to protect (a hypertable
            // made in the same transaction too: the plain form runs inside it)
            List<Statement> out = new ArrayList<>();
            settings(op, true).forEach(sql -> out.add(Statement.of(sql, Tx.IN_TRANSACTION, op.describe())));
            out.add(Statement.of(createSql(op, Form.PLAIN, op.ifNotExists()), Tx.IN_TRANSACTION, op.describe()));
            return out;
        }
        boolean blocking = op.mode() == Mode.BLOCKING;
        Tx tx = blocking ? Tx.IN_TRANSACTION : Tx.NO_TRANSACTION;
        List<Statement> out = new ArrayList<>();
        settings(op, blocking).forEach(sql -> out.add(Statement.of(sql, tx, op.describe())));
        out.add(Statement.of(memoryCheck(op), tx, op.describe()));
        if (blocking) {
            out.add(Statement.of(createSql(op, Form.PLAIN, op.ifNotExists()), tx, op.describe(), Hazard.INDEX_BUILD,
                    Hazard.BLOCKS_WRITES));
        } else if (op.hypertable()) {
            // TimescaleDB refuses CONCURRENTLY on hypertables; per chunk, each chunk's build blocks writes to that
            // chunk only, in a transaction of its own (so it cannot run inside one, nor inside a DO block)
            out.add(Statement.of(createSql(op, Form.PER_CHUNK, op.ifNotExists()), tx, op.describe(), Hazard.INDEX_BUILD,
                    Hazard.BLOCKS_WRITES, Hazard.NON_TRANSACTIONAL));
            resets(op).forEach(sql -> out.add(Statement.of(sql, tx, op.describe())));
        } else {
            out.add(Statement.of(createSql(op, Form.CONCURRENT, op.ifNotExists()), tx, op.describe(), Hazard.INDEX_BUILD,
                    Hazard.NON_TRANSACTIONAL));
            resets(op).forEach(sql -> out.add(Statement.of(sql, tx, op.describe())));
        }
        return out;
    }

    /** How a build is written: plain (SHARE lock, any context), CONCURRENTLY, or TimescaleDB's per-chunk form. */
    enum Form {
        PLAIN, CONCURRENT, PER_CHUNK
    }

    /** {@code SET [LOCAL]} for the op's build settings; empty when it has none. */
    private static List<String> settings(CreateVectorIndex op, boolean local) {
        List<String> out = new ArrayList<>();
        String set = local ? "SET LOCAL " : "SET ";
        if (op.maintenanceWorkMem() != null) {
            out.add(set + "maintenance_work_mem = " + SqlText.literal(op.maintenanceWorkMem()));
        }
        if (op.parallelWorkers() != null) {
            out.add(set + "max_parallel_maintenance_workers = " + op.parallelWorkers());
        }
        return out;
    }

    private static List<String> resets(CreateVectorIndex op) {
        List<String> out = new ArrayList<>();
        if (op.maintenanceWorkMem() != null) {
            out.add("RESET maintenance_work_mem");
        }
        if (op.parallelWorkers() != null) {
            out.add("RESET max_parallel_maintenance_workers");
        }
        return out;
    }

    /** The memory check for {@code op}'s build (see {@link VectorBuilds#memoryCheck}). */
    static String memoryCheck(CreateVectorIndex op) {
        return VectorBuilds.memoryCheck(op.table().sql(), op.column(), op.name());
    }

    /**
     * Deferred until the table has {@link CreateVectorIndex#minRows()} rows: the runner decides
     * ({@link VectorBuild}); for offline SQL a DO block builds plainly (blocking writes) when they are there.
     */
    private static Statement deferred(CreateVectorIndex op) {
        long min = op.minRows();
        List<String> build = new ArrayList<>(settings(op, false));
        build.add(memoryCheck(op));
        build.add(createSql(op, op.hypertable() ? Form.PER_CHUNK : Form.CONCURRENT, true));
        build.addAll(resets(op));
        VectorBuild b = new VectorBuild(op.qualifiedName().sql(), op.table().sql(), min, build,
                createSql(op, op.hypertable() ? Form.PER_CHUNK : Form.PLAIN, false));
        String offline = VectorBuilds.offlineBlock(op.table().sql(), op.table().toString(), op.name(), min,
                createSql(op, Form.PLAIN, true));
        return Statement.deferredBuild(b, offline, op.describe(), Hazard.INDEX_BUILD, Hazard.NON_TRANSACTIONAL);
    }

    static String createSql(CreateVectorIndex op, Form form, boolean ifNotExists) {
        StringBuilder sql = new StringBuilder("CREATE INDEX ");
        if (form == Form.CONCURRENT) {
            sql.append("CONCURRENTLY ");
        }
        if (ifNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(SqlText.ident(op.name())).append(" ON ").append(op.table().sql())
                .append(" USING ").append(op.method().sql())
                .append(" (").append(SqlText.ident(op.column())).append(' ').append(op.opclass().sql()).append(')');
        List<String> params = new ArrayList<>();
        if (form == Form.PER_CHUNK) {
            params.add("timescaledb.transaction_per_chunk");
        }
        if (op.lists() != null) {
            params.add("lists = " + op.lists());
        }
        if (op.m() != null) {
            params.add("m = " + op.m());
        }
        if (op.efConstruction() != null) {
            params.add("ef_construction = " + op.efConstruction());
        }
        if (!params.isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", params)).append(')');
        }
        return sql.toString();
    }

    static List<Statement> drop(DropVectorIndex op) {
        // on a hypertable TimescaleDB drops the chunks' indexes with it, which DROP INDEX CONCURRENTLY refuses
        boolean hypertable = op.definition() != null && op.definition().hypertable();
        if (op.mode() == Mode.ONLINE && !hypertable) {
            return List.of(Statement.of("DROP INDEX CONCURRENTLY IF EXISTS " + op.index().sql(), Tx.NO_TRANSACTION,
                    op.describe(), Hazard.NON_TRANSACTIONAL));
        }
        return List.of(Statement.of("DROP INDEX IF EXISTS " + op.index().sql(), Tx.IN_TRANSACTION, op.describe(),
                Hazard.ACCESS_EXCLUSIVE_LOCK));
    }
}
