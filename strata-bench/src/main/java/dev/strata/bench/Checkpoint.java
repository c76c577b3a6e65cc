package dev.strata.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An untimed {@code CHECKPOINT} between measured runs, so that a run does not pay for writing out what the run
 * before it left dirty (the apply benchmark's 1,000 tables, the online benchmark's rewritten table).
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /**
     * Runs {@code CHECKPOINT} on {@code c} when its login may (superuser or {@code pg_checkpoint}); returns whether it
     * ran.
     */
    public static boolean ifAllowed(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolsuper OR pg_has_role(current_user, 'pg_checkpoint', 'MEMBER')"
                     + " FROM pg_roles WHERE rolname = current_user")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return false;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            return true;
        }
    }
}
