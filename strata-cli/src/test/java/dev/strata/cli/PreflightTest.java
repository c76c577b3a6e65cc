package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** strata preflight and the pre-checks upgrade runs first, against the real server. */
class PreflightTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void checksPassThenNameTheSessionThatBlocksThePendingDdl() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE orders (id int PRIMARY KEY, n int, v text);\n"
                + "INSERT INTO orders SELECT g, g, repeat('x', 40) FROM generate_series(1, 20000) g;", "DROP TABLE orders;");
        cli.simple("b2", "a1", "CREATE EXTENSION IF NOT EXISTS ltree;\n"
                + "ALTER TABLE orders ALTER COLUMN n TYPE bigint;\nCREATE INDEX orders_v ON orders (v);",
                "DROP INDEX orders_v;\nALTER TABLE orders ALTER COLUMN n TYPE int;");
        assertThat(cli.run("upgrade", "a1").code()).isZero();
        Files.writeString(dir.resolve("strata.toml"), "[preflight]\nlock_holder_age = \"0\"\n");

        var ok = cli.run("preflight");
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("ok    connection", "ok    server_version  PostgreSQL 15",
                "ok    revisions       at a1, known to the project; 1 pending",
                "ok    checksums       every applied revision matches its file",
                "ok    extensions      ltree", "ok    sessions", "ok    migration_lock");
        assertThat(ok.out()).containsPattern("disk_space +[0-9.]+ [kMGT]?B free on .*; the pending revisions need about"
                + " [0-9.]+ [kMG]?B \\(rewrite of orders [0-9.]+ [kM]B, index build on orders [0-9.]+ [kM]B\\)");
        JsonNode json = SchemaCheck.parse(cli.run("preflight", "--json").out());
        assertThat(SchemaCheck.violations(SchemaCheck.schema("preflight.schema.json"), json)).isEmpty();
        assertThat(json.get("passed").asBoolean()).isTrue();

        // an idle-in-transaction session holding a lock on the table b2 alters
        try (Connection other = java.sql.DriverManager.getConnection(db.jdbcUrl());
             Statement st = other.createStatement()) {
            st.execute("SET application_name = 'report-job'");
            other.setAutoCommit(false);
            st.executeQuery("SELECT count(*) FROM orders").close();
            int pid;
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            var blocked = cli.run("preflight");
            assertThat(blocked.code()).as(blocked.toString()).isEqualTo(1);
            assertThat(blocked.out()).contains("fail  sessions", "pid " + pid, "application 'report-job'",
                    "idle in transaction", "AccessShareLock on orders", "query: SELECT pg_backend_pid()");
            assertThat(blocked.err()).startsWith("error: preflight failed: sessions: 1 session(s) hold locks the pending"
                    + " DDL needs: pid " + pid);
            JsonNode doc = SchemaCheck.parse(cli.run("preflight", "--json").out());
            assertThat(SchemaCheck.violations(SchemaCheck.schema("preflight.schema.json"), doc)).isEmpty();
            JsonNode session = null;
            for (JsonNode c : doc.get("checks")) {
                if (c.get("name").asText().equals("sessions")) {
                    session = c.get("sessions").get(0);
                }
            }
            assertThat(session.get("pid").asInt()).isEqualTo(pid);
            assertThat(session.get("reason").asText()).isEqualTo("blocks");

            // younger than lock_holder_age: a warning, the run would wait for it with lock_timeout retries
            // and a transaction open longer than long_transaction elsewhere, and another runner's migration lock
            Files.writeString(dir.resolve("strata.toml"), "[preflight]\nlock_holder_age = \"1h\"\n"
                    + "long_transaction = \"0\"\n");
            try (Connection idle = java.sql.DriverManager.getConnection(db.jdbcUrl());
                 Statement is = idle.createStatement()) {
                int[] key = dev.strata.run.StateTables.DEFAULT.lockKey();
                is.execute("SELECT pg_advisory_lock(" + key[0] + ", " + key[1] + ")");
                idle.setAutoCommit(false);
                is.executeQuery("SELECT 1").close();
                var brief = cli.run("preflight");
                assertThat(brief.code()).as(brief.toString()).isZero();
                assertThat(brief.out()).contains("warn  sessions        1 session(s) in transactions younger than 1h"
                        + " hold locks the pending DDL needs: pid " + pid, "warn  migration_lock  another runner holds it");
                JsonNode warned = SchemaCheck.parse(cli.run("preflight", "--json").out());
                List<String> reasons = new java.util.ArrayList<>();
                warned.get("checks").forEach(c -> c.get("sessions").forEach(x -> reasons.add(x.get("reason").asText())));
                assertThat(reasons).containsExactly("brief", "long_transaction");
                idle.rollback();
            }
            Files.writeString(dir.resolve("strata.toml"), "[preflight]\nlock_holder_age = \"0\"\n");

            var refused = cli.run("upgrade", "--allow", "SA014", "--allow", "SA001");
            assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("fail  sessions", "error: upgrade refused before running anything:"
                    + " preflight failed: sessions:", "--skip-preflight");
            assertThat(cli.run("current").out().strip()).isEqualTo("a1");
            other.rollback();
        }
        assertThat(cli.run("preflight").code()).isZero();
        var down = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/nowhere").run("preflight");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.out()).startsWith("fail  connection      could not connect to");

        // configured requirements: an extension the server lacks, a newer server, more free space than there is
        Files.writeString(dir.resolve("strata.toml"), "[preflight]\nlock_holder_age = \"0\"\nextensions = [\"no_such_extension\"]\n"
                + "min_server_version = 99\nmin_free_space = \"1000TB\"\n");
        var failing = cli.run("preflight");
        assertThat(failing.code()).isEqualTo(1);
        assertThat(failing.out()).contains("fail  server_version  PostgreSQL 15",
                "is older than the required 99 ([preflight] min_server_version)",
                "fail  extensions      not available on the server: no_such_extension (required by [preflight]"
                        + " extensions)", "minimum 1000.0 TB; free space on the server first");
        assertThat(failing.out()).containsPattern("fail  disk_space");
        assertThat(cli.run("--env", "development", "upgrade", "--allow", "SA014", "--allow", "SA001").code()).isEqualTo(1);
        assertThat(cli.run("current").out().strip()).isEqualTo("a1");

        // a changed applied revision fails the checksum check; with [environments.X] preflight = false upgrade
        // does not run the checks (and the run itself refuses the changed file)
        Files.writeString(dir.resolve("strata.toml"), "[preflight]\nmin_free_space = \"1MB\"\n");
        cli.simple("a1", null, "CREATE TABLE orders (id int PRIMARY KEY, n int, v text); -- edited",
                "DROP TABLE orders;");
        var changed = cli.run("preflight");
        assertThat(changed.out()).contains("fail  checksums       changed after they were applied: a1 (migrations/a1.sql);"
                + " restore the files, or accept a deliberate edit with repair --accept-checksum REV");
        Files.writeString(dir.resolve("strata.toml"), "[environments.development]\npreflight = false\n");
        var unchecked = cli.run("upgrade", "--allow", "SA014", "--allow", "SA001");
        assertThat(unchecked.err()).doesNotContain("preflight failed").contains("a1");
    }
    /**
     * In an empty database the pre-checks that upgrade begins ahead (while the linter reads the revisions) still find
     * a CREATE EXTENSION of a later revision, though they split only the revisions that say "extension"; the
     * upgrade is refused before anything changes, and their lines come once, after the linter's verdict.
     */
    @Test
    void anEmptyDatabaseStillHasItsExtensionsChecked() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE kinds (id bigint PRIMARY KEY);", "DROP TABLE kinds;");
        cli.simple("b2", "a1", "CREATE TABLE more_kinds (id bigint PRIMARY KEY);\n"
                + "CREATE EXTENSION IF NOT EXISTS strata_no_such_extension;", "DROP TABLE more_kinds;");
        var refused = cli.run("upgrade", "--verbose");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out() + refused.err()).contains("fail  extensions      not available on the server:"
                + " strata_no_such_extension (required by migrations/b2.sql:");
        assertThat(refused.err()).containsOnlyOnce("preflight: 8 checks in");
        assertThat(cli.run("current").out().strip()).isEqualTo("");
        try (Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relname IN ('kinds', 'strata_version')")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }

        cli.simple("b2", "a1", "CREATE TABLE more_kinds (id bigint PRIMARY KEY);", "DROP TABLE more_kinds;");
        var applied = cli.run("upgrade");
        assertThat(applied.code()).as(applied.toString()).isZero();
        assertThat(cli.run("current").out().strip()).isEqualTo("b2 (head)");
    }
}
