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
        return read(c, timescale, null, null, false);
    }

    /**
     * Reads the catalog and, in the same round trip, the rows of {@code locksQuery} (relation oid, pg_locks mode)
     * into {@code locks}; with {@code commit}, the open transaction is committed in that round trip too.
     */
    static Catalog read(Connection c, boolean timescale, String locksQuery,
                        java.util.function.BiConsumer<Long, String> locks, boolean commit) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute((locksQuery == null ? "" : locksQuery + ";\n") + (timescale ? CHUNKS + ";\n" : "") + RELATIONS
                    + (commit ? ";\nCOMMIT" : ""));
            if (locksQuery != null) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        locks.accept(rs.getLong(1), rs.getString(2));
                    }
                }
                s.getMoreResults();
            }
            return new Catalog(relations(s, timescale));
        }
    }

    /**
     * The result sets at {@code s}'s current position: the hypertable of each chunk (with {@code timescale}), then
     * the relations.
     */
    private static Map<Long, Rel> relations(Statement s, boolean timescale) throws SQLException {
        Map<String, String> hypertableOf = new HashMap<>();
        if (timescale) {
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    hypertableOf.put(rs.getString(1), rs.getString(2));
                }
            }
            s.getMoreResults();
        }
        Map<Long, Rel> out = new HashMap<>();
        try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rel(rs, hypertableOf));
            }
        }
        return out;
    }

    /** The relations among the ones this backend holds a lock on (a created, dropped or rewritten one is locked). */
    private static final String LOCKED = " AND c.oid IN (SELECT l.relation FROM pg_locks l WHERE l.pid = "
            + "pg_backend_pid() AND l.locktype = 'relation' AND l.granted)";

    /**
     * The probes that follow every statement (the locks query, the chunks' hypertables, the locked relations),
     * prepared on the session with PREPARE once instead of being planned anew with each statement: after a DDL
     * statement, planning them cost about three times as much as running them (in psql: 0.9 ms a statement for the
     * locked relations planned anew, 0.25-0.3 ms prepared).
     * The names are new for each set (a revision may have deallocated an earlier one), unique in the JVM.
     */
    static final class Probes {
        private static final java.util.concurrent.atomic.AtomicLong SETS = new java.util.concurrent.atomic.AtomicLong();
        private static final String NO_SUCH_PREPARED_STATEMENT = "26000";

        /** A suffix for the names of a new set of prepared statements, unique in the JVM. */
        static String nextSet() {
            return "_" + SETS.incrementAndGet();
        }

        /** Whether {@code e} says a prepared statement is gone (a revision deallocated it). */
        static boolean gone(SQLException e) {
            return NO_SUCH_PREPARED_STATEMENT.equals(e.getSQLState());
        }

        private final Connection c;
        private final String locksQuery;
        /** The suffix of the prepared names, or null when none are prepared. */
        private String set;
        private boolean chunks;

        /** @param locksQuery the locks query (relation oid, pg_locks mode) to run after each statement */
        Probes(Connection c, String locksQuery) {
            this.c = c;
            this.locksQuery = locksQuery;
        }

        /** Prepares the probes (with the chunks' with {@code timescale}) unless done; on an autocommit session. */
        void prepare(boolean timescale) throws SQLException {
            if (set == null) {
                String next = nextSet();
                try (Statement s = c.createStatement()) {
                    s.execute("PREPARE strata_locks" + next + " AS " + locksQuery + ";\nPREPARE strata_locked" + next
                            + " AS " + RELATIONS + LOCKED);
                }
                set = next;
                chunks = false;
            }
            if (timescale && !chunks) {
                try (Statement s = c.createStatement()) {
                    s.execute("PREPARE strata_chunks" + set + " AS " + CHUNKS);
                }
                chunks = true;
            }
        }

        /** What follows the statement: the probes and the commit. */
        private String after(boolean timescale) {
            if (set == null || timescale && !chunks) {
                return locksQuery + ";\n" + (timescale ? CHUNKS + ";\n" : "") + RELATIONS + LOCKED + ";\nCOMMIT";
            }
            return "EXECUTE strata_locks" + set + ";\n" + (timescale ? "EXECUTE strata_chunks" + set + ";\n" : "")
                    + "EXECUTE strata_locked" + set + ";\nCOMMIT";
        }
    }

    /**
     * Runs {@code statement} in the open transaction and, in the same round trip, reads the locks of the
     * {@code probes}' query (relation oid, pg_locks mode) into {@code locks}, the relations this backend holds a
     * lock on, and commits: one round trip per statement. Every relation a statement creates, drops, rewrites or
     * leaves INVALID is locked by it until the commit, so the catalog after it is {@code before} with the locked
     * relations read again (the ones gone are dropped). When the prepared probes are gone (the statement or an
     * earlier one deallocated them), the transaction is rolled back and run again with the probes' text; the probes
     * are prepared anew before the next statement.
     *
     * @throws SQLException as the statement fails (nothing after it ran; the caller rolls back)
     */
    static Catalog runAndRead(Connection c, String statement, Catalog before, boolean timescale, Probes probes,
                              java.util.function.BiConsumer<Long, String> locks) throws SQLException {
        boolean prepared = probes.set != null;
        try {
            return runAndRead(c, statement + "\n;\n" + probes.after(timescale), before, timescale, locks);
        } catch (SQLException e) {
            if (!prepared || !Probes.gone(e)) {
                throw e;
            }
            c.rollback();
            probes.set = null;
            return runAndRead(c, statement + "\n;\n" + probes.after(timescale), before, timescale, locks);
        }
    }

    private static Catalog runAndRead(Connection c, String text, Catalog before, boolean timescale,
                                      java.util.function.BiConsumer<Long, String> locks) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(text);
            s.getMoreResults();  // past the statement's own result
            java.util.Set<Long> locked = new java.util.HashSet<>();
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    locked.add(rs.getLong(1));
                    locks.accept(rs.getLong(1), rs.getString(2));
                }
            }
            s.getMoreResults();
            return before.updated(relations(s, timescale), locked);
        }
    }

    /** {@code this} with the relations of {@code locked} read again: present in {@code fresh}, or dropped. */
    private Catalog updated(Map<Long, Rel> fresh, java.util.Set<Long> locked) {
        Map<Long, Rel> out = new HashMap<>(byOid);
        locked.forEach(out::remove);
        out.putAll(fresh);
        return new Catalog(out);
    }

    private static Rel rel(ResultSet rs, Map<String, String> hypertableOf) throws SQLException {
        String name = rs.getString(2);
        boolean internal = rs.getBoolean(6);
        String shown = hypertableOf.getOrDefault(name, name);
        return new Rel(rs.getLong(1), shown, rs.getString(3).charAt(0), rs.getLong(4), rs.getBoolean(5),
                internal && shown.equals(name));
    }

    static boolean hasTimescale(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
            return rs.next();
        }
    }
}
