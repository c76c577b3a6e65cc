package dev.strata.testkit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension as users run it: the nested test classes below are what a project writes (they are not run by
 * Surefire on their own), executed here through JUnit's engine test kit, which reports each test's outcome.
 */
class StrataDatabaseTest {
    static final List<String> DATABASES = new ArrayList<>();

    /** Seed 001's per-revision test, seed 000's full cycle, and the stairway, in the README's form. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Revisions {
        @RegisterExtension
        static StrataDatabase db = StrataDatabase.migrations("classpath:testkit/migrations").migratedTo("base")
                .fixtures(Path.of("src/test/resources/testkit/fixtures"));

        @Test
        @Order(1)
        void firstRevisionCreatesEntities() throws SQLException {
            DATABASES.add(db.queryForString("SELECT current_database()"));
            assertThat(db.tables()).isEmpty();
            assertThat(db.upgrade("+1")).containsExactly("20250101_000001");
            assertThat(db.tables()).containsExactly("entities");
            assertThat(db.columns("entities")).containsExactly("id", "path");
            db.downgrade("-1");
            assertThat(db.tables()).isEmpty();
        }

        @Test
        @Order(2)
        void fullCycle() throws SQLException {
            DATABASES.add(db.queryForString("SELECT current_database()"));
            assertThat(db.tables()).as("a fresh database per test").isEmpty();
            db.upgrade("head");
            assertThat(db.current()).containsExactly("20250101_000002");
            assertThat(db.columns("entities")).containsExactly("id", "path", "path_depth");
            db.execute("INSERT INTO entities VALUES (1, 'a', 1)");
            db.downgrade("base");
            assertThat(db.tables()).isEmpty();
        }

        @Test
        @Order(3)
        void stairway() {
            assertThat(db.assertStairway().revisions()).hasSize(2);
            assertThat(db.assertStairwayWithData().revisions().get(1).fixture()).hasSize(1);
        }
    }

    /** A test class whose database starts at a given revision, taking the extension as a parameter. */
    static class AtRevision {
        @RegisterExtension
        StrataDatabase db = StrataDatabase.migrations("src/test/resources/testkit/migrations").migratedTo("20250101_000001");

        @Test
        void startsThere(StrataDatabase param) throws SQLException {
            assertThat(param).isSameAs(db);
            assertThat(db.current()).containsExactly("20250101_000001");
            assertThat(db.columns("entities")).containsExactly("id", "path");
            assertThat(db.upgrade("head")).containsExactly("20250101_000002");
        }
    }

    /** A downgrade that leaves an index behind. */
    static class Broken {
        @RegisterExtension
        static StrataDatabase db = StrataDatabase.migrations("classpath:testkit/broken");

        @Test
        void stairway() {
            db.assertStairway();
        }
    }

    private static Events run(Class<?> test) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(test)).execute().testEvents();
    }

    @Test
    void aProjectTestsItsRevisionsInAFewLines() throws SQLException {
        DATABASES.clear();
        Events revisions = run(Revisions.class);
        revisions.assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        run(AtRevision.class).assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(DATABASES).hasSize(2).doesNotHaveDuplicates();
        try (Connection c = DriverManager.getConnection(TestServer.adminUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname IN ('"
                     + String.join("', '", DATABASES) + "')")) {
            rs.next();
            assertThat(rs.getInt(1)).as("each test's database is dropped after it").isZero();
        }
    }

    @Test
    void theStairwayIsOneAssertionNamingTheRevisionAndWhatDiffers() {
        Events broken = run(Broken.class);
        broken.assertStatistics(s -> s.started(1).failed(1));
        Throwable failure = broken.failed().list().get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class);
        assertThat(failure.getMessage()).startsWith("stairway failed at revision 20250101_000002 (schema): the downgrade"
                + " of 20250101_000002 does not restore the schema before it").contains("\n    DROP INDEX")
                .contains("entities_path_idx");
    }
}
