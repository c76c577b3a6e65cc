package dev.strata.bench.online;

import dev.strata.sql.SqlText;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The scratch database and its two tables: {@code customers} (the parent for the foreign key) and
 * {@code orders}, loaded in one {@code INSERT ... SELECT generate_series} with its primary key built
 * afterwards, then vacuumed and analyzed. {@code bench_meta} remembers how many rows were loaded, so a
 * later run with {@code --reuse} can skip the load. The database name is fixed, never taken from users.
 */
final class BenchDatabase {

    static final String NAME = "bench_online_ddl";

    private final String adminUrl;
    private final String name;
    private final String url;

    /** {@code name} is {@link #NAME} for the benchmark and another {@code bench_online_*} name for tests. */
    BenchDatabase(String adminUrl, String name) {
        if (!name.matches("bench_online_[a-z0-9_]+")) {
            throw new IllegalArgumentException("scratch database names must match bench_online_[a-z0-9_]+, got " + name);
        }
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = urlFor(adminUrl, name);
    }

    String name() {
        return name;
    }

    /** The admin URL with its database name replaced by {@code database}, keeping host, port and parameters. */
    static String urlFor(String adminUrl, String database) {
        int hostStart = "jdbc:postgresql://".length();
        int hostEnd = hostStart;
        while (hostEnd < adminUrl.length() && adminUrl.charAt(hostEnd) != '/' && adminUrl.charAt(hostEnd) != '?') {
            hostEnd++;
        }
        int query = adminUrl.indexOf('?', hostStart);
        return adminUrl.substring(0, hostEnd) + "/" + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    String url() {
        return url;
    }

    String serverVersion() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            return queryString(c, "SELECT version()");
        }
    }

    /** Whether the scratch database exists and holds a finished load of {@code rows} orders. */
    boolean isLoaded(long rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            if (!"true".equals(queryString(c, "SELECT (count(*) > 0)::text FROM pg_database WHERE datname = " + SqlText.literal(name)))) {
                return false;
            }
        }
        try (Connection c = DriverManager.getConnection(url)) {
            return String.valueOf(rows).equals(queryString(c,
                    "SELECT CASE WHEN to_regclass('bench_meta') IS NULL THEN '' ELSE (SELECT rows::text FROM bench_meta) END"));
        }
    }

    /** Creates the scratch database afresh and loads it; returns the load time in nanoseconds. */
    long load(long rows, int customers) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + SqlText.ident(name));
            s.execute("CREATE DATABASE " + SqlText.ident(name));
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '256MB'");
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, " + customers + ") g");
            s.execute("CREATE TABLE orders (id bigint NOT NULL, customer_id int NOT NULL, amount int NOT NULL,"
                    + " qty int NOT NULL, ref uuid NOT NULL, note text,"
                    + " created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO orders (id, customer_id, amount, qty, ref, note, created_at)"
                    + " SELECT g, 1 + (g * 7919) % " + customers + ", (g * 31) % 100000, 1 + g % 50,"
                    + " md5(g::text)::uuid, 'order note ' || g, now() - make_interval(secs => g)"
                    + " FROM generate_series(1::bigint, " + rows + ") g");
            s.execute("ALTER TABLE orders ADD PRIMARY KEY (id)");
            s.execute("VACUUM ANALYZE customers");
            s.execute("VACUUM ANALYZE orders");
            s.execute("CREATE TABLE bench_meta (rows bigint NOT NULL)");
            s.execute("INSERT INTO bench_meta VALUES (" + rows + ")");
        }
        return System.nanoTime() - start;
    }

    long maxId() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return Long.parseLong(queryString(c, "SELECT max(id)::text FROM orders"));
        }
    }

    /**
     * Undoes {@code op} whatever state either mode left it in, drops Strata's state tables (so the next
     * Strata run applies its revision afresh, even after a failed run), then vacuums if the op leaves dead rows.
     */
    void undo(OnlineOp op) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '256MB'");
            s.execute("DROP TABLE IF EXISTS public.strata_version, public.strata_history");
            for (String sql : op.undoSql()) {
                s.execute(sql);
            }
            if (op.vacuumAfter()) {
                s.execute("VACUUM orders");
            }
        }
    }

    /**
     * Writes out what the undo (or the load) left dirty, when this login may ({@code CHECKPOINT}: superuser or
     * {@code pg_checkpoint}): an undo that rewrote the table (int -> bigint's) leaves the whole table dirty in the
     * kernel's cache, and the next checkpoint's sync phase would write it out during the next change, which would
     * then be measured with the undo's writes. Returns whether it ran.
     */
    boolean checkpoint() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return dev.strata.bench.Checkpoint.ifAllowed(c);
        }
    }

    /** Whether {@code op}'s change is completely in place. */
    boolean verify(OnlineOp op) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return "true".equals(queryString(c, "SELECT (" + op.verifySql() + ")::text"));
        }
    }

    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + SqlText.ident(name));
        }
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
