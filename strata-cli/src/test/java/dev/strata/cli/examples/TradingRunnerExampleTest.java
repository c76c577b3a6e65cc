package dev.strata.cli.examples;

import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import static dev.strata.cli.examples.ExampleProject.sql;
import static dev.strata.cli.examples.ExampleProject.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/trading-runner (seed 003): the runner's forward migration with TimescaleDB market data, the
 * history it keeps (checksum, execution time, applied by, rollback availability), and the rollback with its
 * dependency check: reverting 002 while the analytics branch's a001 depends on it is refused, naming it, and
 * changes nothing; --cascade reverts both.
 */
class TradingRunnerExampleTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void historyAndDependencyCheckedRollback() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            Extensions.requireAvailable(c, "timescaledb");
        }
        ExampleProject p = ExampleProject.copy("trading-runner", dir, db.jdbcUrl());
        String url = db.jdbcUrl();

        var up = p.ok("upgrade", "heads");
        assertThat(up.err()).contains("-> 001").contains("-> 002").contains("-> 003").contains("-> a001");
        assertThat(p.ok("check").code()).isZero();
        sql(url, "INSERT INTO market_data (time, symbol, open, high, low, close, volume)"
                + " SELECT t, 'ETH-USD', 10, 11, 9, 10.5, 5 FROM generate_series(now() - INTERVAL '3 days', now(),"
                + " INTERVAL '10 minutes') t");
        assertThat(Integer.parseInt(value(url, "SELECT count(*) FROM show_chunks('market_data')"))).isGreaterThanOrEqualTo(3);

        // migration_history: checksum (SHA-256), execution time, applied by, and whether a rollback exists
        var applied = p.ok("history", "--applied", "--verbose");
        assertThat(applied.out()).containsPattern("upgrade\\s+002  ok  \\d+ ms  by postgres@\\S+  checksum [0-9a-f]{64}");
        var revisions = p.ok("history", "--verbose");
        assertThat(revisions.out()).contains("Downgrade: 2 statement(s)").contains("Depends on: 002")
                .contains("Branch labels: analytics");

        // Rollback with dependency checks: a001 (analytics) reads market_data, so 002 cannot go alone
        var refused = p.run("downgrade", "001");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("a001 (branch analytics) depends on 002").contains("--cascade").doesNotContain("\tat ");
        assertThat(value(url, "SELECT count(*) FROM market_data")).isNotEqualTo("0");
        assertThat(p.ok("current").out().lines().map(String::strip).toList()).containsExactlyInAnyOrder("003 (head)", "a001 (head)");

        // 003 has no dependents: it goes alone
        assertThat(p.ok("downgrade", "002").err()).contains("Ran downgrade 003 -> 002");
        var cascaded = p.ok("downgrade", "001", "--cascade");
        assertThat(cascaded.err()).contains("Ran downgrade a001").contains("Ran downgrade 002 -> 001");
        assertThat(value(url, "SELECT to_regclass('market_data') IS NULL AND to_regclass('orders') IS NOT NULL"))
                .isEqualTo("t");
        assertThat(p.ok("history", "--applied").out()).containsPattern("downgrade\\s+a001  ok");

        p.ok("upgrade", "heads");
        assertThat(p.run("check").code()).isZero();
    }

    @Test
    void preChecksSeedDataAndBackupBeforeMigrate() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            Extensions.requireAvailable(c, "timescaledb");
        }
        ExampleProject p = ExampleProject.copy("trading-runner", dir, db.jdbcUrl());
        String url = db.jdbcUrl();
        p.ok("upgrade", "001", "--no-seed"); // the development seed data needs market_data, made by 002
        assertThat(p.ok("preflight", "heads").out()).contains("extensions").contains("sessions");

        // a session holding a lock on orders, which 003 indexes, for longer than lock_holder_age: refused, unchanged
        try (Connection holder = DriverManager.getConnection(url)) {
            holder.setAutoCommit(false);
            int pid;
            try (var s = holder.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
                s.execute("SELECT set_config('application_name', 'report-job', false)");
                s.execute("LOCK TABLE orders IN SHARE MODE"); // blocks the concurrent index builds of 003
            }
            Thread.sleep(10_500);
            var refused = p.run("upgrade", "heads");
            assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.out() + refused.err()).contains("pid " + pid).contains("report-job");
            assertThat(p.ok("current").out().strip()).isEqualTo("001");
            holder.rollback();
        }

        // development: the revisions, then the seed data, each file once per content
        var up = p.ok("upgrade", "heads");
        assertThat(up.err()).contains("-> a001");
        assertThat(value(url, "SELECT count(*) FROM personality_profiles")).isEqualTo("3");
        assertThat(value(url, "SELECT count(*) FROM accounts WHERE name LIKE 'dev-%'")).isEqualTo("3");
        assertThat(value(url, "SELECT count(*) FROM strata_history WHERE action = 'seed'")).isEqualTo("2");
        p.ok("seed");
        assertThat(value(url, "SELECT count(*) FROM strata_history WHERE action = 'seed'")).isEqualTo("2");

        // production: a verified backup before the first pending revision, no seed data
        p.ok("downgrade", "002", "--cascade");
        sql(url, "DELETE FROM orders", "DELETE FROM accounts");
        var prod = p.ok("--env", "production", "upgrade", "heads");
        assertThat(prod.err()).contains("backup");
        assertThat(value(url, "SELECT count(*) FROM accounts")).isEqualTo("0");
        assertThat(value(url, "SELECT count(*) FROM strata_history WHERE action = 'backup'")).isEqualTo("1");
        var list = p.ok("--env", "production", "backup", "--list");
        assertThat(list.out()).containsPattern("\\.dump");
        try (var files = java.nio.file.Files.list(dir.resolve("backups"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".dump")).count()).isEqualTo(1);
        }
    }
}
