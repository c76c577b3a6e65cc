package dev.strata.op;

import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * SQL for indexes. Online (the default) an index is built with {@code CREATE INDEX CONCURRENTLY}: SHARE
 * UPDATE EXCLUSIVE, so reads and writes go on; it waits for older transactions, scans twice, and cannot
 * run inside a transaction (NO_TRANSACTION). A failed build leaves an INVALID index, which the runner
 * drops before building again. CONCURRENTLY is not supported on partitioned parents (build per
 * partition and attach, by hand) nor on TimescaleDB hypertables: use blocking mode there. Blocking: plain
 * {@code CREATE INDEX}, SHARE lock (writes blocked) for the whole build. Access method names are
 * checked to be plain lower-case words and written unquoted.
 */
final class IndexRenderer {
    private IndexRenderer() {
    }

    static List<Statement> create(CreateIndex op, boolean fresh) {
        boolean concurrently = op.mode() == Mode.ONLINE && !fresh;
        String sql = createSql(op, concurrently);
        if (fresh) {
            return List.of(Statement.of(sql, Tx.IN_TRANSACTION, op.describe()));
        }
        Set<Hazard> h = EnumSet.of(Hazard.INDEX_BUILD);
        if (op.unique()) {
            h.add(Hazard.VALIDATES_DATA);
        }
        if (concurrently) {
            h.add(Hazard.NON_TRANSACTIONAL);
            return List.of(new Statement(sql, Tx.NO_TRANSACTION, h, op.describe(), null));
        }
        h.add(Hazard.BLOCKS_WRITES);
        return List.of(new Statement(sql, Tx.IN_TRANSACTION, h, op.describe(), null));
    }

    static String createSql(CreateIndex op, boolean concurrently) {
        StringBuilder out = new StringBuilder("CREATE ");
        if (op.unique()) {
            out.append("UNIQUE ");
        }
        out.append("INDEX ");
        if (concurrently) {
            out.append("CONCURRENTLY ");
        }
        if (op.ifNotExists()) {
            out.append("IF NOT EXISTS ");
        }
        out.append(SqlText.ident(op.name())).append(" ON ").append(op.table().sql())
                .append(" USING ").append(op.method()).append(" (");
        List<String> keys = new ArrayList<>();
        op.keys().forEach(k -> keys.add(key(k)));
        out.append(String.join(", ", keys)).append(')');
        if (!op.include().isEmpty()) {
            out.append(" INCLUDE (").append(SqlText.identList(op.include())).append(')');
        }
        if (!op.with().isEmpty()) {
            out.append(" WITH (").append(SqlParts.options(op.with())).append(')');
        }
        if (op.where() != null) {
            out.append(" WHERE ").append(op.where());
        }
        return out.toString();
    }

    private static String key(IndexKey k) {
        StringBuilder out = new StringBuilder(k.column() != null ? SqlText.ident(k.column()) : "(" + k.expression() + ")");
        if (k.opclass() != null) {
            out.append(' ').append(SqlParts.dottedName(k.opclass()));
            if (!k.opclassParams().isEmpty()) {
                out.append(" (").append(SqlParts.options(k.opclassParams())).append(')');
            }
        }
        if (k.descending()) {
            out.append(" DESC");
        }
        if (k.nullsFirst() != null) {
            out.append(k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
        }
        return out.toString();
    }

    /**
     * Online: {@code DROP INDEX CONCURRENTLY IF EXISTS} (SHARE UPDATE EXCLUSIVE, NO_TRANSACTION; not for
     * indexes backing a constraint: drop the constraint instead). Blocking: {@code DROP INDEX IF EXISTS},
     * ACCESS EXCLUSIVE on the table.
     */
    static List<Statement> drop(DropIndex op) {
        if (op.mode() == Mode.ONLINE) {
            return List.of(Statement.of("DROP INDEX CONCURRENTLY IF EXISTS " + op.index().sql(), Tx.NO_TRANSACTION,
                    op.describe(), Hazard.NON_TRANSACTIONAL));
        }
        return List.of(Statement.of("DROP INDEX IF EXISTS " + op.index().sql(), Tx.IN_TRANSACTION, op.describe(),
                Hazard.ACCESS_EXCLUSIVE_LOCK));
    }
}
