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
 *
 * <p>Reading {@code pg_settings} costs the server about half a millisecond, so the target restores only after a step
 * that may have changed a setting ({@link dev.strata.lint.SessionEffects}), or after any step while the database has
 * enabled event triggers (code that runs with DDL without being named in it): both the capture and the restore read
 * whether it has any, see {@link #eventTriggers()}. The restore can go out together with the step's bookkeeping
 * ({@link #RESTORE}, {@link #bind}).
 */
final class SessionBaseline {
    /** Whether the database has an enabled event trigger. */
    private static final String EVENT_TRIGGERS = "(SELECT EXISTS (SELECT FROM pg_catalog.pg_event_trigger"
            + " WHERE evtenabled <> 'D'))";
    private static final String CAPTURE = "SELECT name, setting, " + EVENT_TRIGGERS + " FROM pg_catalog.pg_settings"
            + " WHERE source = 'session' AND name NOT LIKE 'transaction\\_%'"
            + " UNION ALL SELECT 'role', pg_catalog.current_setting('role'), " + EVENT_TRIGGERS;
    /** Puts the settings back (three parameters, see {@link #bind}); one row: how many, and the event-trigger flag. */
    static final String RESTORE = "SELECT count(pg_catalog.set_config(x.n, x.v, false)), " + EVENT_TRIGGERS + " FROM ("
            + "SELECT s.name AS n, s.reset_val AS v FROM pg_catalog.pg_settings s"
            + " WHERE s.source = 'session' AND s.name NOT LIKE 'transaction\\_%' AND s.name <> ALL (?::text[])"
            + " UNION ALL SELECT * FROM unnest(?::text[], ?::text[])) AS x(n, v)";

    private final Connection c;
    private String[] names;
    private String[] values;
    private PreparedStatement restore;
    /** Until the first capture, assume the worst. */
    private boolean eventTriggers = true;

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
                eventTriggers = rs.getBoolean(3);
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

    /** Whether a baseline is held (a step has started since the last {@link #forget()}). */
    boolean held() {
        return names != null;
    }

    /** Whether the database had an enabled event trigger at the last capture or restore (true before the first). */
    boolean eventTriggers() {
        return eventTriggers;
    }

    /** Puts every setting back to the baseline; nothing when none was taken (no step ran). */
    void restore() throws SQLException {
        if (names == null) {
            return;
        }
        if (restore == null) {
            restore = c.prepareStatement(RESTORE);
        }
        bind(restore, 1);
        try (ResultSet rs = restore.executeQuery()) {
            read(rs);
        }
    }

    /** Binds {@link #RESTORE}'s three parameters from {@code first} on (a baseline must be held). */
    void bind(PreparedStatement p, int first) throws SQLException {
        java.sql.Array held = c.createArrayOf("text", names);
        p.setArray(first, held);
        p.setArray(first + 1, held);
        p.setArray(first + 2, c.createArrayOf("text", values));
    }

    /** Reads {@link #RESTORE}'s row. */
    void read(ResultSet rs) throws SQLException {
        if (rs.next()) {
            eventTriggers = rs.getBoolean(2);
        }
    }
}
