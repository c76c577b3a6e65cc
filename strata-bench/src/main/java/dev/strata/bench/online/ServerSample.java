package dev.strata.bench.online;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Server counters read before and after a change, on a connection of their own: WAL position, checkpoints
 * started (timed and requested), buffers the backends had to write themselves, and autovacuum runs on
 * {@code orders}. Machine-independent evidence of what a change cost the server, next to the write latencies.
 */
record ServerSample(long walBytes, long checkpoints, long requested, long backendWrites, long autovacuums) {

    static ServerSample take(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn, b.checkpoints_timed + b.checkpoints_req, b.checkpoints_req,"
                        + " b.buffers_backend, coalesce((SELECT sum(autovacuum_count + autoanalyze_count)"
                        + " FROM pg_stat_all_tables WHERE relname LIKE 'orders%'), 0) FROM pg_stat_bgwriter b")) {
            rs.next();
            return new ServerSample(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
    }

    String since(ServerSample before) {
        return String.format(Locale.ROOT, "WAL %,d MB, %d checkpoints (%d requested), %,d backend buffer writes,"
                        + " %d autovacuum/analyze runs", (walBytes - before.walBytes) >> 20, checkpoints - before.checkpoints,
                requested - before.requested, backendWrites - before.backendWrites, autovacuums - before.autovacuums);
    }
}
