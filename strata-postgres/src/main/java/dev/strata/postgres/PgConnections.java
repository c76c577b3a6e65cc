package dev.strata.postgres;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections from a {@link PgUrl}, with Strata's session defaults: application_name
 * ({@code strata} unless told otherwise) and a 10 s connect timeout unless the URL sets one. Failures
 * are StrataException CONNECTION_FAILED naming the redacted URL; the password never appears.
 */
public final class PgConnections {
    public static final String DEFAULT_APPLICATION_NAME = "strata";
    static final String DEFAULT_CONNECT_TIMEOUT_SECONDS = "10";
    /**
     * pgjdbc's driver, called directly: {@link java.sql.DriverManager} would first look up every JDBC driver on the
     * class path through the service loader and check each against the URL (about 20 ms of every start on a 2-core
     * VM, on the thread the command waits for), when Strata only ever speaks to PostgreSQL through pgjdbc.
     */
    private static final Driver DRIVER = new Driver();

    private PgConnections() {
    }

    /** Opens a connection in autocommit mode; {@code applicationName} null or blank means "strata". */
    public static Connection open(PgUrl url, String applicationName) {
        Properties p = url.properties();
        p.setProperty("ApplicationName",
                applicationName == null || applicationName.isBlank() ? DEFAULT_APPLICATION_NAME : applicationName);
        if (p.getProperty("connectTimeout") == null) {
            p.setProperty("connectTimeout", DEFAULT_CONNECT_TIMEOUT_SECONDS);
        }
        try {
            Connection c = DRIVER.connect(url.jdbcUrl(), p);
            if (c == null) {
                throw new SQLException("the PostgreSQL driver does not accept this URL");
            }
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            String reason = scrub(PgErrors.describe(e), url.password());
            boolean causeIsClean = url.password() == null || url.password().isEmpty()
                    || !String.valueOf(e.getMessage()).contains(url.password());
            String message = "could not connect to " + url.redacted() + ": " + reason
                    + "; check --url / DATABASE_URL, that the server is running and that it accepts this user";
            throw causeIsClean ? new StrataException(ErrorCode.CONNECTION_FAILED, message, e)
                    : new StrataException(ErrorCode.CONNECTION_FAILED, message);
        }
    }

    /** Replaces every occurrence of the password with ***. */
    static String scrub(String text, String password) {
        if (password == null || password.isEmpty() || text == null) {
            return text;
        }
        return text.replace(password, "***");
    }
}
