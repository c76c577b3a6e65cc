package dev.strata.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabaseTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private static final List<String> seen = new ArrayList<>();

    @Test
    void eachTestGetsAFreshDatabase() throws SQLException {
        seen.add(db.name());
        assertThat(db.name()).startsWith("strata_test_");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT current_database()")).isEqualTo(db.name());
            assertThat(scalar(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
            s.execute("CREATE TABLE t (id int)");
        }
    }

    @Test
    void anotherTestDoesNotSeeTheFirstOnesTables() throws SQLException {
        seen.add(db.name());
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
            s.execute("CREATE TABLE t (id int)");
        }
    }

    @Test
    void extraDatabasesCanBeMadeAndDropped() throws SQLException {
        String other = db.createDatabase();
        assertThat(other).isNotEqualTo(db.name());
        try (Connection c = DriverManager.getConnection(db.url(other)); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT current_database()")).isEqualTo(other);
        }
        // a connection left open does not stop the drop (WITH (FORCE))
        Connection open = DriverManager.getConnection(db.url(other));
        db.dropDatabase(other);
        assertThat(exists(other)).isFalse();
        open.close();
    }

    @Test
    void theAdminUrlReachesTheServer() throws SQLException {
        try (Connection c = DriverManager.getConnection(db.adminJdbcUrl()); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT 1")).isEqualTo("1");
        }
        assertThat(exists(db.name())).isTrue();
    }

    @Test
    void urlReplacesOnlyTheDatabase() {
        assertThat(TestServer.withDatabase("jdbc:postgresql://h:1/postgres?user=u&password=p", "x"))
                .isEqualTo("jdbc:postgresql://h:1/x?user=u&password=p");
        assertThat(TestServer.withDatabase("jdbc:postgresql://[::1]:5432?user=u", "x"))
                .isEqualTo("jdbc:postgresql://[::1]:5432/x?user=u");
        assertThat(TestServer.withDatabase("jdbc:postgresql://h/", "x")).isEqualTo("jdbc:postgresql://h/x");
    }

    @AfterAll
    static void databasesOfFinishedTestsAreGone() throws SQLException {
        assertThat(seen).hasSize(2).doesNotHaveDuplicates();
        for (String name : seen) {
            assertThat(exists(name)).as(name).isFalse();
        }
    }

    private static boolean exists(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.adminJdbcUrl());
             Statement s = c.createStatement()) {
            return !scalar(s, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'").equals("0");
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
