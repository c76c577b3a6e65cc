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
            // nobody sees the table yet and it has no rows: no memory to check, nothing to protect
            List<Statement> out = new ArrayList<>();
            settings(op, true).forEach(sql -> out.add(Statement.of(sql, Tx.IN_TRANSACTION, op.describe())));
            out.add(Statement.of(createSql(op, false, op.ifNotExists()), Tx.IN_TRANSACTION, op.describe()));
            return out;
        }
        boolean blocking = op.mode() == Mode.BLOCKING;
        Tx tx = blocking ? Tx.IN_TRANSACTION : Tx.NO_TRANSACTION;
        List<Statement> out = new ArrayList<>();
        settings(op, blocking).forEach(sql -> out.add(Statement.of(sql, tx, op.describe())));
        out.add(Statement.of(memoryCheck(op), tx, op.describe()));
        if (blocking) {
            out.add(Statement.of(createSql(op, false, op.ifNotExists()), tx, op.describe(), Hazard.INDEX_BUILD,
                    Hazard.BLOCKS_WRITES));
        } else {
            out.add(Statement.of(createSql(op, true, op.ifNotExists()), tx, op.describe(), Hazard.INDEX_BUILD,
                    Hazard.NON_TRANSACTIONAL));
            resets(op).forEach(sql -> out.add(Statement.of(sql, tx, op.describe())));
        }
        return out;
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

    /**
     * A WARNING when the build's estimated memory, rows × (8 + 4 × dimensions) × 1.3 bytes (rows from the
     * planner's estimate, dimensions from the column's type modifier), exceeds {@code maintenance_work_mem}.
     */
    static String memoryCheck(CreateVectorIndex op) {
        String table = SqlText.literal(op.table().sql());
        String body = "\nDECLARE\n"
                + "    estimated_rows numeric := (SELECT greatest(c.reltuples, 0) FROM pg_catalog.pg_class c"
                + " WHERE c.oid = " + table + "::regclass);\n"
                + "    dimensions numeric := (SELECT greatest(a.atttypmod, 0) FROM pg_catalog.pg_attribute a"
                + " WHERE a.attrelid = " + table + "::regclass AND a.attname = " + SqlText.literal(op.column()) + ");\n"
                + "    needed numeric;\n"
                + "BEGIN\n"
                + "    needed := estimated_rows * (8 + 4 * dimensions) * 1.3;\n"
                + "    IF needed > pg_catalog.pg_size_bytes(pg_catalog.current_setting('maintenance_work_mem')) THEN\n"
                + "        RAISE WARNING 'strata: index % needs about % to build (rows x (8 + 4 x dimensions) x 1.3),"
                + " more than maintenance_work_mem = %; the build spills to disk and is slow: give the op a larger"
                + " maintenance_work_mem', " + SqlText.literal(op.name()) + ", pg_catalog.pg_size_pretty(needed),"
                + " pg_catalog.current_setting('maintenance_work_mem');\n"
                + "    END IF;\n"
                + "END\n";
        return "DO " + SqlText.dollarQuoted(body);
    }

    /**
     * Deferred until the table has {@link CreateVectorIndex#minRows()} rows: the runner decides
     * ({@link VectorBuild}); for offline SQL a DO block builds plainly (blocking writes) when they are there.
     */
    private static Statement deferred(CreateVectorIndex op) {
        long min = op.minRows();
        List<String> build = new ArrayList<>(settings(op, false));
        build.add(memoryCheck(op));
        build.add(createSql(op, true, true));
        build.addAll(resets(op));
        String notice = "strata: index " + op.name() + " on " + op.table() + " deferred: the table has fewer than "
                + min + " rows (lists x " + CreateVectorIndex.MIN_ROWS_PER_LIST + "); build it once they are loaded";
        String body = "\nBEGIN\n"
                + "    IF (SELECT count(*) FROM (SELECT FROM " + op.table().sql() + " LIMIT " + min + ") s) >= " + min
                + " THEN\n"
                + "        " + createSql(op, false, true) + ";\n"
                + "    ELSE\n"
                + "        RAISE NOTICE '%', " + SqlText.literal(notice) + ";\n"
                + "    END IF;\n"
                + "END\n";
        VectorBuild b = new VectorBuild(op.qualifiedName().sql(), op.table().sql(), min, build);
        return Statement.deferredBuild(b, "DO " + SqlText.dollarQuoted(body), op.describe(), Hazard.INDEX_BUILD,
                Hazard.NON_TRANSACTIONAL);
    }

    static String createSql(CreateVectorIndex op, boolean concurrently, boolean ifNotExists) {
        StringBuilder sql = new StringBuilder("CREATE INDEX ");
        if (concurrently) {
            sql.append("CONCURRENTLY ");
        }
        if (ifNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(SqlText.ident(op.name())).append(" ON ").append(op.table().sql())
                .append(" USING ").append(op.method().sql())
                .append(" (").append(SqlText.ident(op.column())).append(' ').append(op.opclass().sql()).append(')');
        List<String> params = new ArrayList<>();
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
        if (op.mode() == Mode.ONLINE) {
            return List.of(Statement.of("DROP INDEX CONCURRENTLY IF EXISTS " + op.index().sql(), Tx.NO_TRANSACTION,
                    op.describe(), Hazard.NON_TRANSACTIONAL));
        }
        return List.of(Statement.of("DROP INDEX IF EXISTS " + op.index().sql(), Tx.IN_TRANSACTION, op.describe(),
                Hazard.ACCESS_EXCLUSIVE_LOCK));
    }
}
