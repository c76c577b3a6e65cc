package dev.strata.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** upgrade/downgrade --sql: the complete SQL, with no connection (the URL given cannot be reached). */
class OfflineSqlTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    static dev.strata.testkit.TestDatabase db = new dev.strata.testkit.TestDatabase();

    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir, "postgresql://nobody:pw@127.0.0.1:1/none");
        cli.simple("a1", null, "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        cli.revision("b2.sql", "-- strata:revision b2\n-- strata:parents a1\n-- strata:message index it\n"
                + "-- strata:transactional false\n\n-- strata:upgrade\nCREATE INDEX CONCURRENTLY t1_id ON t1 (id);\n\n"
                + "-- strata:downgrade\nDROP INDEX CONCURRENTLY t1_id;\n");
    }

    @Test
    void upgradeFromBase() throws Exception {
        var r = cli.run("upgrade", "head", "--sql");
        assertThat(r.code()).as(r.toString()).isZero();
        Golden.assertMatches("offline/upgrade-base-head.sql", r.out());
    }

    @Test
    void upgradeRange() {
        var r = cli.run("upgrade", "a1:b2", "--sql");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("CREATE TABLE IF NOT EXISTS").doesNotContain("CREATE TABLE t1")
                .contains("CREATE INDEX CONCURRENTLY t1_id ON t1 (id);")
                .contains("UPDATE \"public\".\"strata_version\" SET revision = 'b2'");
    }

    @Test
    void downgradeRange() throws Exception {
        var r = cli.run("downgrade", "head:base", "--sql");
        assertThat(r.code()).as(r.toString()).isZero();
        Golden.assertMatches("offline/downgrade-head-base.sql", r.out());
    }

    @Test
    void offlineScriptAppliedByHandLeavesTheSameStateAsAnOnlineRun() throws Exception {
        String sql = cli.run("upgrade", "head", "--sql").out();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl());
             java.sql.Statement st = c.createStatement()) {
            for (dev.strata.sql.SqlStatement s : dev.strata.sql.SqlSplitter.split(sql, 1)) {
                st.execute(s.sql());
            }
        }
        Cli online = new Cli(dir, db.jdbcUrl());
        assertThat(online.run("current").out().strip()).isEqualTo("b2 (head)");
        assertThat(online.run("check").code()).isZero();
        var down = online.run("downgrade", "base");
        assertThat(down.code()).as(down.toString()).isZero();
    }

    /** Golden files under src/test/resources/golden; -Dgolden.update=true rewrites them. */
    static final class Golden {
        static void assertMatches(String name, String actual) throws Exception {
            Path file = Path.of("src/test/resources/golden").resolve(name);
            String normalized = actual.replaceAll("Strata [^:]+: offline", "Strata VERSION: offline")
                    .replaceAll("'(dev|\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?)', 'ok'", "'VERSION', 'ok'");
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, normalized, StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file; create it with -Dgolden.update=true").exists();
            assertThat(normalized).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        }
    }
}
