package dev.strata.embedded;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.sql.SqlText;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server running on a project's {@code .strata/pgdata}, started by this process. The
 * caller must hold the project's {@link ProjectLock} for as long as the server runs: zonky's own
 * {@code epg-lock} is taken only after it decides whether to run initdb, so it does not protect two
 * first starts from each other. zonky stops the server when this JVM exits, even without
 * {@link #close()}.
 */
final class LocalCluster implements AutoCloseable {
    /** The database Strata works in; created on first start. */
    static final String DATABASE = "strata";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private LocalCluster(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on a free port, running initdb first if the data directory is new, and creates
     * the {@value #DATABASE} database if missing. Server output goes to {@code log}.
     */
    static LocalCluster start(StrataDir dir, Redirect log, Path logFile) {
        Path pgdata = dir.pgdata();
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(pgdata);
            stopOrphanedServer(pgdata);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgdata)
                    .setCleanDataDirectory(false)
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StrataException(ErrorCode.EMBEDDED_FAILED, "the embedded PostgreSQL in " + pgdata
                    + " did not start (" + oneLine(e) + "); see " + logFile, e);
        }
        LocalCluster cluster = new LocalCluster(postgres);
        try {
            cluster.createDatabaseIfMissing();
        } catch (SQLException e) {
            cluster.close();
            throw new StrataException(ErrorCode.EMBEDDED_FAILED, "cannot create database " + DATABASE
                    + " in the embedded PostgreSQL (" + oneLine(e) + "); see " + logFile, e);
        }
        return cluster;
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return jdbcUrl(port());
    }

    static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"))) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, DATABASE);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + SqlText.ident(DATABASE));
            }
        }
    }

    /**
     * A server left running by a process that was killed (zonky starts PostgreSQL detached through
     * pg_ctl, so it outlives a SIGKILLed JVM) still owns the data directory and would make the next
     * start fail. Since the caller holds the project lock, any live postmaster named in
     * {@code postmaster.pid} is such an orphan: ask it to shut down, then force it.
     */
    private static void stopOrphanedServer(Path pgdata) throws IOException {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(Processes::isRunning)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        postmaster.destroy();
        if (!Processes.waitForExit(postmaster, Duration.ofSeconds(10))) {
            postmaster.destroyForcibly();
            Processes.waitForExit(postmaster, Duration.ofSeconds(10));
        }
    }

    static String oneLine(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.replaceAll("\\s+", " ").trim();
    }

    /** Stops PostgreSQL (fast shutdown) and waits for it. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new StrataException(ErrorCode.EMBEDDED_FAILED,
                    "the embedded PostgreSQL did not stop cleanly (" + oneLine(e) + ")", e);
        }
    }
}
