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
 * up to one more than a million (enough to pick the level). Reading a size takes ACCESS SHARE on the table: with
 * a short lock_timeout, a table another session holds locked is left without a size instead of waiting.
 * All the names go to the server in one query (one round trip, where one per table made a 1,000-revision upgrade pay
 * a thousand); when that query fails on one name (one to_regclass cannot parse, an unknown schema, a locked table),
 * the names are read one by one and the failing ones left out.
 */
final class TableSizes {
    private static final String SIZE = "WITH RECURSIVE tree(oid) AS (SELECT to_regclass(?)::oid "
            + "UNION ALL SELECT i.inhrelid FROM pg_inherits i JOIN tree ON i.inhparent = tree.oid) "
            + "SELECT count(*) FILTER (WHERE c.relkind IN ('r', 'm') AND c.reltuples < 0), "
            + "coalesce(sum(greatest(c.reltuples, 0)) FILTER (WHERE c.relkind IN ('r', 'm')), 0)::bigint, "
            + "coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint, min(c.oid)::regclass::text "
            + "FROM tree JOIN pg_class c ON c.oid = tree.oid";
    /** {@link #SIZE} for an array of names at once: one row per name that exists. */
    private static final String SIZES = "WITH RECURSIVE tree(name, oid) AS ("
            + "SELECT n.name, to_regclass(n.name)::oid FROM unnest(?::text[]) AS n(name) WHERE to_regclass(n.name) IS NOT NULL "
            + "UNION ALL SELECT tree.name, i.inhrelid FROM pg_inherits i JOIN tree ON i.inhparent = tree.oid) "
            + "SELECT tree.name, count(*) FILTER (WHERE c.relkind IN ('r', 'm') AND c.reltuples < 0), "
            + "coalesce(sum(greatest(c.reltuples, 0)) FILTER (WHERE c.relkind IN ('r', 'm')), 0)::bigint, "
            + "coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint, min(c.oid)::regclass::text "
            + "FROM tree JOIN pg_class c ON c.oid = tree.oid GROUP BY tree.name";
    static final long COUNT_LIMIT = 1_000_001;

    private TableSizes() {
    }

    /** The size of each of {@code tables} (names as written in the revisions) that exists there. */
    static Map<String, TableSize> read(Connection c, Collection<String> tables) throws SQLException {
        Map<String, TableSize> out = new HashMap<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '100ms'");
        }
        if (tables.size() > 1) {
            try (PreparedStatement ps = c.prepareStatement(SIZES)) {
                ps.setArray(1, c.createArrayOf("text", tables.toArray()));
                Map<String, String> unanalyzed = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new TableSize(rs.getLong(3), rs.getLong(4)));
                        if (rs.getLong(2) > 0) {
                            unanalyzed.put(rs.getString(1), rs.getString(5));
                        }
                    }
                }
                for (Map.Entry<String, String> e : unanalyzed.entrySet()) {
                    out.put(e.getKey(), new TableSize(count(c, e.getValue()), out.get(e.getKey()).bytes()));
                }
                return out;
            } catch (SQLException e) {
                if (!skipped(e)) {
                    throw e;
                }
                out.clear(); // one name failed the whole query: read them one by one
            }
        }
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
                if (!skipped(e)) {
                    throw e;
                }
            }
        }
        return out;
    }

    /** A name to_regclass cannot parse, an unknown schema or a locked table: skipped. */
    private static boolean skipped(SQLException e) {
        return "42601".equals(e.getSQLState()) || "42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())
                || "55P03".equals(e.getSQLState());
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
