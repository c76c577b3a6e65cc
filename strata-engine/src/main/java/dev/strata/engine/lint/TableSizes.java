package dev.strata.engine.lint;

import dev.strata.lint.TableSize;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The size of tables on the configured database, for size-aware severity: the planner's row estimate
 * ({@code pg_class.reltuples}) and {@code pg_total_relation_size}, summed over partitions and TimescaleDB chunks
 * (both are inheritance children). A table never analyzed has no estimate (reltuples -1): its rows are counted,
 * up to one more than a million (enough to pick the level).
 */
final class TableSizes {
    private static final String SIZE = "WITH RECURSIVE tree(oid) AS (SELECT to_regclass(?)::oid "
            + "UNION ALL SELECT i.inhrelid FROM pg_inherits i JOIN tree ON i.inhparent = tree.oid) "
            + "SELECT count(*) FILTER (WHERE c.relkind IN ('r', 'm') AND c.reltuples < 0), "
            + "coalesce(sum(greatest(c.reltuples, 0)) FILTER (WHERE c.relkind IN ('r', 'm')), 0)::bigint, "
            + "coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint, format('%s', min(tree.oid)::regclass) "
            + "FROM tree JOIN pg_class c ON c.oid = tree.oid";
    static final long COUNT_LIMIT = 1_000_001;

    private TableSizes() {
    }

    /** The size of each of {@code tables} (names as written in the revisions) that exists there. */
    static Map<String, TableSize> read(Connection c, Collection<String> tables) throws SQLException {
        Map<String, TableSize> out = new HashMap<>();
        for (String name : tables) {
            try (PreparedStatement ps = c.prepareStatement(SIZE)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(4) == null) {
                        continue;
                    }
                    long rows = rs.getLong(2);
                    if (rs.getLong(1) > 0) {
                        rows = count(c, rs.getString(4));
                    }
                    out.put(name, new TableSize(rows, rs.getLong(3)));
                }
            } catch (SQLException e) {
                if (!"42601".equals(e.getSQLState()) && !"42602".equals(e.getSQLState())
                        && !"3F000".equals(e.getSQLState())) {
                    throw e;  // only a name to_regclass cannot parse, or an unknown schema, is skipped
                }
            }
        }
        return out;
    }

    private static long count(Connection c, String regclass) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM " + regclass + " LIMIT "
                     + COUNT_LIMIT + ") s")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
