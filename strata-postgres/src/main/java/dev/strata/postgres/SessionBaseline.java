package dev.strata.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The session settings every step starts from, and the way back to them (issue: settings leaking between
 * revisions). Captured when the first step of a run starts: every parameter this session changed with SET or
 * {@code set_config(..., false)} so far (Strata's lock_timeout and statement_timeout, the lock's
 * application_name), and the current role. {@link #restore()} runs as one statement when a step ends, before
 * its bookkeeping: every parameter a revision changed goes back to its captured value, or to the value the
 * session started with ({@code pg_settings.reset_val}: the server's, the role's or database's
 * {@code ALTER ... SET}, or the connection's startup options). So a revision's own {@code SET search_path}
 * or {@code SET lock_timeout} lasts for that revision only, as {@code SET LOCAL} would, whether the revision
 * runs in one transaction or not. Transaction-scoped parameters ({@code transaction_*}) and
 * {@code SET SESSION AUTHORIZATION} are left alone.
 */
final class SessionBaseline {
    private static final String CAPTURE = "SELECT name, setting FROM pg_catalog.pg_settings"
            + " WHERE source = 'session' AND name NOT LIKE 'transaction\\_%'"
            + " UNION ALL SELECT 'role', pg_catalog.current_setting('role')";
    private static final String RESTORE = "SELECT count(pg_catalog.set_config(x.n, x.v, false)) FROM ("
            + "SELECT s.name AS n, s.reset_val AS v FROM pg_catalog.pg_settings s"
            + " WHERE s.source = 'session' AND s.name NOT LIKE 'transaction\\_%' AND s.name <> ALL (?::text[])"
            + " UNION ALL SELECT * FROM unnest(?::text[], ?::text[])) AS x(n, v)";

    private final Connection c;
    private String[] names;
    private String[] values;
    private PreparedStatement restore;

    SessionBaseline(Connection c) {
        this.c = c;
    }

    /** Takes the baseline unless one is held (a step in progress keeps the one it started from). */
    void capture() throws SQLException {
        if (names != null) {
            return;
        }
        List<String> n = new ArrayList<>();
        List<String> v = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(CAPTURE); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                n.add(rs.getString(1));
                v.add(rs.getString(2));
            }
        }
        names = n.toArray(String[]::new);
        values = v.toArray(String[]::new);
    }

    /** Strata changed its own settings (timeouts, the lock's label): the next step takes a new baseline. */
    void forget() {
        names = null;
        values = null;
    }

    /** Puts every setting back to the baseline; nothing when none was taken (no step ran). */
    void restore() throws SQLException {
        if (names == null) {
            return;
        }
        if (restore == null) {
            restore = c.prepareStatement(RESTORE);
        }
        restore.setArray(1, c.createArrayOf("text", names));
        restore.setArray(2, c.createArrayOf("text", names));
        restore.setArray(3, c.createArrayOf("text", values));
        restore.executeQuery().close();
    }
}
