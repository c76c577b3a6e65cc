package dev.strata.embedded;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A handle on the project's embedded PostgreSQL, for one command. Either it points at the project's
 * running dev server (and closing it leaves that server alone), or it owns a server it started on
 * {@code .strata/pgdata} for the life of this handle and stops it on {@link #close()} (or when the JVM
 * exits). At most one server runs on a data directory: an owner holds {@code .strata/lock} while its
 * server runs, and a second process waits for it.
 */
public final class EmbeddedServer implements AutoCloseable {
    /** How long {@link #attachOrStart(Path)} waits for another process's server to finish. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 200;

    private final int port;
    private final String jdbcUrl;
    private final LocalCluster cluster;
    private final ProjectLock lock;
    private boolean closed;

    private EmbeddedServer(int port, String jdbcUrl, LocalCluster cluster, ProjectLock lock) {
        this.port = port;
        this.jdbcUrl = jdbcUrl;
        this.cluster = cluster;
        this.lock = lock;
    }

    /** {@link #attachOrStart(Path, Duration)} waiting at most {@link #DEFAULT_WAIT}. */
    public static EmbeddedServer attachOrStart(Path projectDir) {
        return attachOrStart(projectDir, DEFAULT_WAIT);
    }

    /**
     * Attaches to the project's dev server if it runs; otherwise starts PostgreSQL on
     * {@code <projectDir>/.strata/pgdata} (running initdb on first use) on a free port. If another
     * process's per-command server is using the data directory, waits up to {@code wait} for it to
     * stop (or for a dev server to appear), then fails with {@link ErrorCode#EMBEDDED_FAILED}.
     */
    public static EmbeddedServer attachOrStart(Path projectDir, Duration wait) {
        Objects.requireNonNull(wait, "wait");
        StrataDir dir = StrataDir.of(projectDir);
        dir.create();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<DevServerInfo> dev = DevServerFile.readLive(dir.devJson());
            if (dev.isPresent()) {
                return attached(dev.get());
            }
            Optional<ProjectLock> lock = ProjectLock.tryAcquire(dir.lockFile());
            if (lock.isPresent()) {
                return startOwned(dir, lock.get());
            }
            if (System.nanoTime() - deadline > 0) {
                throw busy(dir, wait);
            }
            sleep(POLL_MILLIS);
        }
    }

    private static EmbeddedServer attached(DevServerInfo dev) {
        return new EmbeddedServer(dev.port(), dev.jdbcUrl(), null, null);
    }

    private static EmbeddedServer startOwned(StrataDir dir, ProjectLock lock) {
        try {
            // a dev server may have started and stopped between our look at dev.json and the lock
            Optional<DevServerInfo> dev = DevServerFile.readLive(dir.devJson());
            if (dev.isPresent()) {
                lock.close();
                return attached(dev.get());
            }
            LocalCluster cluster = LocalCluster.start(dir, Redirect.to(dir.serverLog().toFile()), dir.serverLog());
            return new EmbeddedServer(cluster.port(), cluster.jdbcUrl(), cluster, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static StrataException busy(StrataDir dir, Duration wait) {
        String who = ProjectLock.describeHolder(dir.lockFile());
        return new StrataException(ErrorCode.EMBEDDED_FAILED, "the embedded PostgreSQL in " + dir.pgdata()
                + " is still in use by " + who + " after waiting " + wait.toSeconds()
                + "s; let it finish, or run `strata dev start` so commands share one server");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.EMBEDDED_FAILED,
                    "interrupted while waiting for the embedded PostgreSQL");
        }
    }

    /** URL of the {@code strata} database: user postgres, no password. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public int port() {
        return port;
    }

    /** True if this handle started the server (and {@link #close()} stops it); false if attached. */
    public boolean ownedByThisProcess() {
        return cluster != null;
    }

    /** Stops the server if this handle owns it, then lets the next process in; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } finally {
            lock.close();
        }
    }
}
