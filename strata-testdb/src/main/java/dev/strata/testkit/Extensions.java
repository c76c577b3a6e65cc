package dev.strata.testkit;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Extension tests (TimescaleDB, pgvector, PostGIS) on the test server. On CI (environment variable
 * {@code CI=true}) a missing extension fails the test: CI installs them (see {@code .ci/run}), so a missing
 * one is a broken setup, never a reason to skip. On a user's machine that lacks one, the test is skipped with
 * one line naming the extension and how to get it.
 */
public final class Extensions {
    private Extensions() {
    }

    /** Whether the run is on CI, where nothing may skip. */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Makes sure {@code extension} is installed in the connection's database ({@code CREATE EXTENSION IF NOT
     * EXISTS}); fails on CI and skips elsewhere when the server does not offer it.
     */
    public static void require(Connection c, String extension) throws SQLException {
        requireAvailable(c, extension);
        try (var s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS " + extension);
        } catch (SQLException e) {
            String line = "extension " + extension + " is available but cannot be created (" + e.getMessage().strip()
                    + "); timescaledb needs shared_preload_libraries = 'timescaledb'";
            if (onCi()) {
                throw new AssertionError(line, e);
            }
            Assumptions.abort(line);
        }
    }

    /** Fails on CI and skips elsewhere when the server does not offer {@code extension}; creates nothing. */
    public static void requireAvailable(Connection c, String extension) throws SQLException {
        if (!available(c, extension)) {
            String line = "extension " + extension + " is not available on the test server; install it with"
                    + " vendor/install-extensions.sh --preload (see README, \"TimescaleDB and pgvector\")";
            if (onCi()) {
                throw new AssertionError(line + " (CI=true: extension tests must not skip)");
            }
            Assumptions.abort(line);
        }
    }

    /** Whether the server lists {@code extension} in {@code pg_available_extensions}. */
    public static boolean available(Connection c, String extension) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_available_extensions WHERE name = ?")) {
            ps.setString(1, extension);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
