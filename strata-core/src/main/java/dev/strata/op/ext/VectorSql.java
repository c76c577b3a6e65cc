package dev.strata.op.ext;

import dev.strata.op.Mode;
import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
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
            return List.of(Statement.of(createSql(op, false, op.ifNotExists()), Tx.IN_TRANSACTION, op.describe()));
        }
        if (op.mode() == Mode.BLOCKING) {
            return List.of(Statement.of(createSql(op, false, op.ifNotExists()), Tx.IN_TRANSACTION, op.describe(),
                    Hazard.INDEX_BUILD, Hazard.BLOCKS_WRITES));
        }
        return List.of(Statement.of(createSql(op, true, op.ifNotExists()), Tx.NO_TRANSACTION, op.describe(),
                Hazard.INDEX_BUILD, Hazard.NON_TRANSACTIONAL));
    }

    /**
     * A DO block, in its own transaction: a plain build when the table has a row, else a notice. CONCURRENTLY
     * is impossible inside a block, so when rows exist it blocks writes for the build (BLOCKS_WRITES).
     */
    private static Statement deferred(CreateVectorIndex op) {
        String notice = "strata: index " + op.name() + " on " + op.table()
                + " not built: the table has no rows yet; build it after loading data";
        String body = "\nBEGIN\n"
                + "    IF EXISTS (SELECT FROM " + op.table().sql() + ") THEN\n"
                + "        " + createSql(op, false, true) + ";\n"
                + "    ELSE\n"
                + "        RAISE NOTICE '%', " + SqlText.literal(notice) + ";\n"
                + "    END IF;\n"
                + "END\n";
        return Statement.of("DO " + SqlText.dollarQuoted(body), Tx.OWN_TRANSACTION, op.describe(),
                Hazard.INDEX_BUILD, Hazard.BLOCKS_WRITES);
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
