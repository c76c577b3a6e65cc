package dev.strata.engine.lint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The relations of a scratch database at one moment: tables, materialized views and indexes outside the system
 * schemas, with their relfilenode (a new one means the data was rewritten) and, for indexes, whether they are
 * valid. A TimescaleDB chunk (and a compressed chunk) is named by its user-facing hypertable.
 */
final class Catalog {
    /** TimescaleDB's own schemas; chunks in {@code _timescaledb_internal} are kept and named by their hypertable. */
    private static final String SKIP = "('pg_catalog', 'information_schema', '_timescaledb_catalog', "
            + "'_timescaledb_config', '_timescaledb_cache', '_timescaledb_functions', '_timescaledb_debug', "
            + "'timescaledb_information', 'timescaledb_experimental')";
    private static final String RELATIONS = "SELECT c.oid, format('%I.%I', n.nspname, c.relname), c.relkind, "
            + "c.relfilenode, coalesce(i.indisvalid, true), n.nspname = '_timescaledb_internal' "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_index i ON i.indexrelid = c.oid "
            + "WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I') AND n.nspname NOT IN " + SKIP
            + " AND n.nspname NOT LIKE 'pg\\_%'";
    private static final String CHUNKS = "SELECT format('%I.%I', c.schema_name, c.table_name), "
            + "format('%I.%I', coalesce(p.schema_name, h.schema_name), coalesce(p.table_name, h.table_name)) "
            + "FROM _timescaledb_catalog.chunk c JOIN _timescaledb_catalog.hypertable h ON h.id = c.hypertable_id "
            + "LEFT JOIN _timescaledb_catalog.hypertable p ON p.compressed_hypertable_id = h.id";

    /** One relation. {@code name} is the hypertable's for a chunk; {@code internal} marks TimescaleDB's own. */
    record Rel(long oid, String name, char kind, long filenode, boolean valid, boolean internal) {
        boolean isTable() {
            return kind == 'r' || kind == 'p' || kind == 'm';
        }

        boolean isIndex() {
            return kind == 'i' || kind == 'I';
        }
    }

    final Map<Long, Rel> byOid;
    final java.util.Set<String> names = new java.util.HashSet<>();

    private Catalog(Map<Long, Rel> byOid) {
        this.byOid = byOid;
        byOid.values().forEach(r -> names.add(r.name()));
    }

    static Catalog read(Connection c, boolean timescale) throws SQLException {
        Map<String, String> hypertableOf = new HashMap<>();
        try (Statement s = c.createStatement()) {
            if (timescale) {
                try (ResultSet rs = s.executeQuery(CHUNKS)) {
                    while (rs.next()) {
                        hypertableOf.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            Map<Long, Rel> out = new HashMap<>();
            try (ResultSet rs = s.executeQuery(RELATIONS)) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    boolean internal = rs.getBoolean(6);
                    String shown = hypertableOf.getOrDefault(name, name);
                    out.put(rs.getLong(1), new Rel(rs.getLong(1), shown, rs.getString(3).charAt(0), rs.getLong(4),
                            rs.getBoolean(5), internal && shown.equals(name)));
                }
            }
            return new Catalog(out);
        }
    }

    static boolean hasTimescale(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
            return rs.next();
        }
    }
}
