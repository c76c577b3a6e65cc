package dev.strata.embedded;

import java.lang.ProcessBuilder.Redirect;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The detached process behind {@code strata dev start}: takes the project lock, starts PostgreSQL on
 * {@code .strata/pgdata}, writes {@code .strata/dev.json}, then sleeps until it is terminated
 * (SIGTERM from {@code strata dev stop}), when zonky's shutdown hook stops PostgreSQL. Its output
 * (and PostgreSQL's) goes to {@code .strata/dev.log}. Exit status: 0 when it served or found another
 * dev server already running, 1 when it could not start.
 */
public final class DevServerMain {
    /** How long to wait for a per-command server to release the data directory. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private DevServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.out.println("usage: DevServerMain <project-dir>");
            System.exit(2);
        }
        StrataDir dir = StrataDir.of(Path.of(args[0]));
        long pid = ProcessHandle.current().pid();
        log("dev server process " + pid + " starting for " + dir.root());
        Optional<ProjectLock> lock = awaitLock(dir);
        if (lock.isEmpty()) {
            System.exit(DevServerFile.readLive(dir.devJson()).isPresent() ? 0 : 1);
        }
        LocalCluster cluster;
        long started = System.nanoTime();
        try {
            cluster = LocalCluster.start(dir, Redirect.INHERIT, dir.devLog());
        } catch (RuntimeException e) {
            log("failed: " + e.getMessage());
            e.printStackTrace(System.out);
            System.exit(1);
            return;
        }
        DevServerInfo info = new DevServerInfo(pid, cluster.port(), cluster.jdbcUrl(), Instant.now());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping");
            if (DevServerFile.read(dir.devJson()).filter(info::equals).isPresent()) {
                DevServerFile.delete(dir.devJson());
            }
            // the lock is released by the OS when this process exits, after zonky's hook has stopped
            // PostgreSQL, so nobody starts a new server on the data directory while this one stops
        }, "strata-dev-server-stop"));
        DevServerFile.write(dir.devJson(), info);
        log("PostgreSQL ready on port " + info.port() + " after "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: " + info.jdbcUrl());
        new CountDownLatch(1).await();
        Reference.reachabilityFence(lock);
        Reference.reachabilityFence(cluster);
    }

    /** The project lock, or empty if another dev server runs or the wait ran out. */
    private static Optional<ProjectLock> awaitLock(StrataDir dir) throws InterruptedException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        boolean said = false;
        while (true) {
            if (DevServerFile.readLive(dir.devJson()).isPresent()) {
                log("another dev server is already running; exiting");
                return Optional.empty();
            }
            Optional<ProjectLock> lock = ProjectLock.tryAcquire(dir.lockFile());
            if (lock.isPresent()) {
                return lock;
            }
            if (System.nanoTime() - deadline > 0) {
                log("failed: the data directory is still in use by "
                        + ProjectLock.describeHolder(dir.lockFile()) + " after " + LOCK_WAIT.toSeconds() + "s");
                return Optional.empty();
            }
            if (!said) {
                log("waiting for " + ProjectLock.describeHolder(dir.lockFile()) + " to release "
                        + dir.lockFile());
                said = true;
            }
            Thread.sleep(200);
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " " + message);
        System.out.flush();
    }
}
