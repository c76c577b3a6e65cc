package dev.strata.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL server the tests of this JVM use, chosen once: {@code STRATA_TEST_URL} (a JDBC URL of an
 * admin database) when set; else 127.0.0.1:5432 as user postgres when it answers within two seconds;
 * else an embedded server started here and stopped when the JVM exits.
 */
final class TestServer {
    static final String ENV = "STRATA_TEST_URL";
    private static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private TestServer() {
    }

    /** The admin URL of the chosen server; the choice is made on first use. */
    static String adminUrl() {
        return Holder.ADMIN_URL;
    }

    private static final class Holder {
        static final String ADMIN_URL = choose(System.getenv(ENV), LOCAL);
    }

    /** The choice itself: {@code fromEnv} when set, else {@code local} when it answers, else a new embedded server. */
    static String choose(String fromEnv, String local) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        if (answers(local + "&connectTimeout=2&loginTimeout=2")) {
            return local;
        }
        return startEmbedded();
    }

    private static boolean answers(String url) {
        try (Connection c = DriverManager.getConnection(url)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; nothing left to tell
                }
            }, "strata-testkit-embedded-stop"));
            return pg.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL for tests: " + ENV + " is not set, 127.0.0.1:5432 does not"
                    + " answer, and the embedded server failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * The given JDBC URL with its database replaced by {@code dbName}; host, port and query are kept.
     * Database names made by this kit are plain lower-case identifiers, so no encoding is needed.
     */
    static String withDatabase(String jdbcUrl, String dbName) {
        int hosts = jdbcUrl.indexOf("//");
        if (!jdbcUrl.startsWith("jdbc:postgresql:") || hosts < 0) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host/db URL: " + ENV + " must be one");
        }
        int query = jdbcUrl.indexOf('?', hosts + 2);
        int end = query < 0 ? jdbcUrl.length() : query;
        int slash = jdbcUrl.indexOf('/', hosts + 2);
        int pathStart = slash < 0 || slash > end ? end : slash;
        return jdbcUrl.substring(0, pathStart) + '/' + dbName + jdbcUrl.substring(end);
    }
}
