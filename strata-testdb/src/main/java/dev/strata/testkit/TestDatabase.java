package dev.strata.testkit;

import dev.strata.sql.SqlText;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A JUnit 5 extension that gives every test a new, empty PostgreSQL database on a real server and
 * drops it (with {@code WITH (FORCE)}) after the test, whatever the outcome.
 *
 * <p>Use {@code @RegisterExtension static TestDatabase db = new TestDatabase();} and call
 * {@link #jdbcUrl()} or {@link #connect()} in the test, or {@code @ExtendWith(TestDatabase.class)} and
 * take a {@code TestDatabase} test-method parameter. The server is chosen once per JVM: the JDBC URL of
 * an admin database in {@code STRATA_TEST_URL}; else 127.0.0.1:5432 as user postgres; else an embedded
 * server. Tests using this never skip.
 *
 * <p>Invariant: between {@code beforeEach} and {@code afterEach}, {@link #name()} is a database that
 * exists and belongs to the current test only; every database made by {@link #createDatabase()} during a
 * test is dropped after it too. Not meant for tests running in parallel on one instance.
 */
public final class TestDatabase implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> created = new ArrayList<>();
    private String current;

    @Override
    public void beforeEach(ExtensionContext context) {
        current = createDatabase();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> toDrop = new ArrayList<>(created);
        created.clear();
        current = null;
        for (String db : toDrop) {
            dropDatabase(db);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** The name of the current test's database. */
    public String name() {
        if (current == null) {
            throw new IllegalStateException("no test database: use TestDatabase as a JUnit extension and call it inside a test");
        }
        return current;
    }

    /** A JDBC URL (with credentials) of the current test's database. */
    public String jdbcUrl() {
        return url(name());
    }

    /** A new connection to the current test's database; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** The JDBC URL of the server's admin database (postgres, or whatever STRATA_TEST_URL names). */
    public String adminJdbcUrl() {
        return TestServer.adminUrl();
    }

    /** A JDBC URL of the named database on the test server, with the admin URL's credentials and parameters. */
    public String url(String dbName) {
        return TestServer.withDatabase(TestServer.adminUrl(), dbName);
    }

    /** Creates another empty database with a unique name, dropped after the current test; returns its name. */
    public String createDatabase() {
        String db = "strata_test_" + HexFormat.of().formatHex(randomBytes());
        // template0: nobody is ever connected to it, so parallel test JVMs cannot block each other on template1
        admin("CREATE DATABASE " + SqlText.ident(db) + " TEMPLATE template0");
        created.add(db);
        return db;
    }

    /** Drops the named database, disconnecting whoever is still connected; harmless when it is gone. */
    public void dropDatabase(String dbName) {
        if (!dbName.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a test database name: " + dbName);
        }
        admin("DROP DATABASE IF EXISTS " + SqlText.ident(dbName) + " WITH (FORCE)");
        created.remove(dbName);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(TestServer.adminUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the test server: " + e.getMessage(), e);
        }
    }
}
