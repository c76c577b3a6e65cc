package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run commits its revisions without waiting for each WAL flush and flushes once at its end (issue 14). These
 * tests kill Strata and the server with SIGKILL part way through a run, and the server right after a run ends,
 * and check that the version table always names exactly the revisions whose tables exist, and that a finished
 * run is whole after the server's crash recovery.
 */
class CrashDurabilityTest {
    private static final int REVISIONS = 300;

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void killingStrataMidRunLeavesTheVersionTableMatchingTheSchema() throws Exception {
        Path migrations = writeRevisions(dir, REVISIONS);
        Process strata = launch(db.jdbcUrl(), migrations);
        try (Connection c = db.connect()) {
            waitForApplied(c, strata, 40);
        }
        strata.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int applied;
        try (Connection c = db.connect()) {
            applied = assertVersionMatchesTables(c);
        }
        assertThat(applied).isBetween(40, REVISIONS - 1);
        assertThat(Main.run(new String[]{"--url", db.jdbcUrl(), "--dir", migrations.toString(), "upgrade", "head"},
                quiet(), quiet())).isZero();
        try (Connection c = db.connect()) {
            assertThat(assertVersionMatchesTables(c)).isEqualTo(REVISIONS);
        }
    }

    @Test
    void killingTheServerMidRunAndAfterARunLosesNoFinishedRunAndNoHalfRevision(@TempDir Path pgdata) throws Exception {
        Path migrations = writeRevisions(dir, REVISIONS);
        EmbeddedPostgres pg = start(pgdata);
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
        Process strata = launch(url, migrations);
        try (Connection c = DriverManager.getConnection(url)) {
            waitForApplied(c, strata, 40);
        }
        killServer(pg, pgdata);
        strata.waitFor(60, TimeUnit.SECONDS);
        assertThat(strata.exitValue()).as("Strata fails when its server dies").isNotZero();

        pg = start(pgdata);
        url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(assertVersionMatchesTables(c)).isBetween(1, REVISIONS - 1);
        }
        // a run that finished (exit 0) is durable: the server dies right after it and recovers everything
        Process finish = launch(url, migrations);
        String out = new String(finish.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finish.waitFor()).as(out).isZero();
        killServer(pg, pgdata);
        pg = start(pgdata);
        url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(assertVersionMatchesTables(c)).isEqualTo(REVISIONS);
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres start(Path pgdata) throws IOException {
        // zonky's defaults turn durability off (synchronous_commit, fsync) for speed; a real server has it on
        return EmbeddedPostgres.builder().setDataDirectory(pgdata).setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setPGStartupWait(java.time.Duration.ofMinutes(2)).start();
    }

    /** SIGKILL to the postmaster and every process it started: the server dies as in a crash, WAL buffers lost. */
    private static void killServer(EmbeddedPostgres pg, Path pgdata) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : children) {
            p.onExit().get();
        }
        postmaster.onExit().get();
        Files.deleteIfExists(pgdata.resolve("postmaster.pid"));
        try {
            pg.close(); // releases zonky's lock on the data directory; its pg_ctl stop finds no server
        } catch (IOException | RuntimeException expected) {
            // nothing was left to stop
        }
    }

    private static Path writeRevisions(Path dir, int count) throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        String parent = "base";
        for (int i = 1; i <= count; i++) {
            String id = String.format("r%04d", i);
            Files.writeString(migrations.resolve(id + ".sql"), "-- strata:revision " + id + "\n-- strata:parents "
                    + parent + "\n\n-- strata:upgrade\nCREATE TABLE t" + i + " (id int PRIMARY KEY, v text);\n"
                    + "CREATE INDEX t" + i + "_v ON t" + i + " (v);\n\n-- strata:downgrade\nDROP TABLE t" + i + ";\n");
            parent = id;
        }
        return migrations;
    }

    private static Process launch(String url, Path migrations) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.strata.cli.Main", "--url", url, "--dir",
                migrations.toString(), "upgrade", "head", "--quiet");
        pb.directory(migrations.getParent().toFile());
        pb.environment().remove("DATABASE_URL");
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Waits until at least {@code n} revisions are recorded (read from the version table), while Strata runs. */
    private static void waitForApplied(Connection c, Process strata, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(strata.isAlive()).as("Strata ended before it was killed").isTrue();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'"
                         + " AND tablename ~ '^t[0-9]+$'")) {
                rs.next();
                if (rs.getInt(1) >= n) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Strata did not apply " + n + " revisions in 120 s");
    }

    /**
     * The version table names one head r{k}; tables t1..t{k} exist and no other: the schema is exactly what the
     * recorded revisions made. Returns k.
     */
    private static int assertVersionMatchesTables(Connection c) throws SQLException {
        int head;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT revision FROM public.strata_version")) {
            assertThat(rs.next()).as("one head in the version table").isTrue();
            head = Integer.parseInt(rs.getString(1).substring(1));
            assertThat(rs.next()).isFalse();
        }
        Set<String> tables = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public'"
                     + " AND tablename ~ '^t[0-9]+$'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= head; i++) {
            expected.add("t" + i);
        }
        assertThat(tables).as("tables of the revisions the version table records").isEqualTo(expected);
        return head;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
