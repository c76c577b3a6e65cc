package dev.strata.cli;

import dev.strata.run.StateTables;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Non-transactional revisions, partial failures, repair, checksums and the lock. */
class SafetyTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE items (id int PRIMARY KEY, sku text);\nINSERT INTO items VALUES (1, 'x'), (2, 'x');",
                "DROP TABLE items;");
    }

    private void nonTransactional(String id, String parent, String up, String down) {
        cli.revision(id + ".sql", "-- strata:revision " + id + "\n-- strata:parents " + parent + "\n"
                + "-- strata:message concurrent work\n-- strata:transactional false\n\n"
                + "-- strata:upgrade\n" + up + "\n\n-- strata:downgrade\n" + down + "\n");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void createIndexConcurrentlyRunsInNonTransactionalRevision() throws Exception {
        nonTransactional("b2", "a1", "CREATE INDEX CONCURRENTLY items_sku ON items (sku);",
                "DROP INDEX CONCURRENTLY items_sku;");
        var r = cli.run("upgrade", "head");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(query("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'items_sku'::regclass")).containsExactly("true");
        var down = cli.run("downgrade", "a1");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(query("SELECT to_regclass('items_sku')::text")).containsExactly((String) null);
    }

    @Test
    void partialFailureBlocksUntilRepairThenRerunsFromTheStart() throws Exception {
        nonTransactional("b2", "a1",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS items_id2 ON items (id);\n"
                        + "CREATE UNIQUE INDEX CONCURRENTLY items_sku_uq ON items (sku);\n"
                        + "CREATE INDEX CONCURRENTLY IF NOT EXISTS items_id3 ON items (id);",
                "DROP INDEX CONCURRENTLY IF EXISTS items_id3;\nDROP INDEX CONCURRENTLY IF EXISTS items_sku_uq;\n"
                        + "DROP INDEX CONCURRENTLY IF EXISTS items_id2;");
        var r = cli.run("upgrade", "head");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("b2").contains("migrations/b2.sql:8").contains("could not create unique index")
                .contains("1 of 3 statements had run").contains("strata repair");
        assertThat(query("SELECT status || ' ' || statements_run || '/' || statements_total FROM strata_history"
                + " WHERE revision = 'b2'")).containsExactly("partial 1/3");

        var blocked = cli.run("upgrade", "head");
        assertThat(blocked.code()).isEqualTo(1);
        assertThat(blocked.err()).contains("applied only in part").contains("strata repair").contains("--resume");
        var check = cli.run("check");
        // check refuses as upgrade does: exit 1 (not 3, which is for work that upgrade would do)
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).contains("needs repair b2");

        // fix the data; the failed CIC left an INVALID index behind, drop it as the operator would
        execute("UPDATE items SET sku = 'y' WHERE id = 2");
        execute("DROP INDEX IF EXISTS items_sku_uq");
        var repair = cli.run("repair");
        assertThat(repair.code()).as(repair.toString()).isZero();
        assertThat(repair.out()).contains("1 of 3 statements had run").contains("ran ")
                .contains("b2.sql:7").contains("FAILED").contains("b2.sql:8").contains("not run");

        var rerun = cli.run("upgrade", "head");
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(cli.run("current").out().strip()).isEqualTo("b2 (head)");
        assertThat(query("SELECT count(*) FROM pg_index WHERE indrelid = 'items'::regclass AND indisvalid")).containsExactly("4");
    }

    @Test
    void resumeContinuesAtTheFailedStatement() throws Exception {
        nonTransactional("b2", "a1",
                "CREATE INDEX CONCURRENTLY items_id2 ON items (id);\n"
                        + "CREATE UNIQUE INDEX CONCURRENTLY items_sku_uq ON items (sku);",
                "DROP INDEX CONCURRENTLY items_sku_uq;\nDROP INDEX CONCURRENTLY items_id2;");
        assertThat(cli.run("upgrade", "head").code()).isEqualTo(1);
        execute("UPDATE items SET sku = 'y' WHERE id = 2");
        execute("DROP INDEX items_sku_uq");
        var resumed = cli.run("upgrade", "head", "--resume");
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(query("SELECT action || ' ' || status || ' ' || statements_run FROM strata_history WHERE revision = 'b2' ORDER BY id"))
                .containsExactly("upgrade partial 1", "upgrade ok 2");
        assertThat(cli.run("check").code()).isZero();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void lockTimeoutIsRetriedWithBackoffUntilTheTableIsFree() throws Exception {
        assertThat(cli.run("upgrade", "head").code()).isZero();
        Files.writeString(dir.resolve("strata.toml"), "[strata]\nlock_timeout = \"200ms\"\n");
        cli.simple("b2", "a1", "ALTER TABLE items ADD COLUMN note text;", "ALTER TABLE items DROP COLUMN note;");
        try (Connection blocker = db.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    blocker.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            // the run's own retries are under test: the pre-checks would take time the blocker is given
            var r = cli.run("--config", dir.resolve("strata.toml").toString(), "upgrade", "head", "--skip-preflight");
            release.join();
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).contains("lock_timeout at migrations/b2.sql:6").contains("retrying in");
        }
        assertThat(query("SELECT count(*) FROM strata_history WHERE revision = 'b2'")).containsExactly("1");
    }

    @Test
    void invalidLeftoverOfAFailedConcurrentBuildIsDroppedBeforeBuildingAgain() throws Exception {
        assertThat(cli.run("upgrade", "head").code()).isZero();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try {
                s.execute("CREATE UNIQUE INDEX CONCURRENTLY items_sku_idx ON items (sku)");
            } catch (java.sql.SQLException expected) {
                // duplicate 'x' values: the build fails and leaves an INVALID index behind
            }
        }
        assertThat(query("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'items_sku_idx'::regclass"))
                .containsExactly("false");
        nonTransactional("b2", "a1", "CREATE INDEX CONCURRENTLY IF NOT EXISTS items_sku_idx ON items (sku);",
                "DROP INDEX CONCURRENTLY IF EXISTS items_sku_idx;");
        var r = cli.run("upgrade", "head");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("dropped the INVALID index items_sku_idx");
        assertThat(query("SELECT indisvalid::text || ' ' || indisunique::text FROM pg_index"
                + " WHERE indexrelid = 'items_sku_idx'::regclass")).containsExactly("true false");
    }

    @Test
    void editedAppliedRevisionIsRefusedUntilAccepted() throws Exception {
        cli.simple("b2", "a1", "CREATE TABLE b (id int);", "DROP TABLE b;");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        Path a1 = dir.resolve("migrations/a1.sql");
        Files.writeString(a1, Files.readString(a1).replace("(1, 'x')", "(1, 'z')"));
        cli.simple("c3", "b2", "CREATE TABLE c (id int);", "DROP TABLE c;");

        var up = cli.run("upgrade", "head");
        assertThat(up.code()).isEqualTo(1);
        assertThat(up.err()).contains("revision a1").contains("migrations/a1.sql").contains("changed after it was applied")
                .contains("strata repair --accept-checksum a1").containsPattern("[0-9a-f]{64}.*[0-9a-f]{64}");
        var down = cli.run("downgrade", "base");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("changed after it was applied");
        assertThat(query("SELECT to_regclass('c')::text")).containsExactly((String) null);

        // formatting-only edits do not count
        Path b2 = dir.resolve("migrations/b2.sql");
        Files.writeString(b2, Files.readString(b2).replace("\n", "  \r\n"));

        assertThat(cli.run("repair", "--accept-checksum", "a1").code()).isZero();
        var again = cli.run("upgrade", "head");
        assertThat(again.code()).as(again.toString()).isZero();
    }

    @Test
    void lockWaitGivesUpNamingTheHolder() throws Exception {
        int[] key = StateTables.DEFAULT.lockKey();
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            s.execute("SET application_name = 'other-runner'");
            s.execute("SELECT pg_advisory_lock(" + key[0] + ", " + key[1] + ")");
            long t0 = System.nanoTime();
            var r = cli.run("upgrade", "head", "--lock-wait", "1s");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("lock").contains("other-runner").contains("pid");
            assertThat(ms).isLessThan(15_000);
        }
        assertThat(cli.run("upgrade", "head").code()).isZero();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void eightProcessesAtOnceApplyEveryRevisionExactlyOnce() throws Exception {
        for (int i = 2; i <= 12; i++) {
            cli.simple(String.format("r%02d", i), i == 2 ? "a1" : String.format("r%02d", i - 1),
                    "CREATE TABLE t" + i + " (id int);\nSELECT pg_sleep(0.05);", "DROP TABLE t" + i + ";");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), "dev.strata.cli.Main", "--url", db.jdbcUrl(),
                    "--dir", dir.resolve("migrations").toString(), "upgrade", "head", "--lock-wait", "120s");
            pb.directory(dir.toFile());
            pb.environment().remove("DATABASE_URL");
            pb.redirectErrorStream(true);
            procs.add(pb.start());
        }
        for (Process p : procs) {
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(output).isZero();
        }
        assertThat(query("SELECT revision || ':' || count(*) FROM strata_history WHERE action = 'upgrade'"
                + " GROUP BY revision HAVING count(*) <> 1")).isEmpty();
        assertThat(query("SELECT count(*) FROM strata_history WHERE action = 'upgrade' AND status = 'ok'")).containsExactly("12");
        assertThat(query("SELECT revision FROM strata_version")).containsExactly("r12");
    }

    private List<String> query(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
