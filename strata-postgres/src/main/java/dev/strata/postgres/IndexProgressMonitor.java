package dev.strata.postgres;

import dev.strata.run.Target;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches an index build from a second session: every poll interval it reads the building backend's row of
 * {@code pg_stat_progress_create_index} (phase, blocks and tuples done of total) and hands it on. It only
 * reads, and it stops (closing its connection) when the build ends; a failure to watch never fails the build.
 */
final class IndexProgressMonitor implements AutoCloseable {
    private static final String QUERY = "SELECT phase, blocks_done, blocks_total, tuples_done, tuples_total"
            + " FROM pg_catalog.pg_stat_progress_create_index WHERE pid = ?";

    private final Thread thread;
    private volatile boolean done;

    IndexProgressMonitor(Supplier<Connection> connections, int pid, Duration interval,
                         Consumer<Target.IndexProgress> progress) {
        long started = System.nanoTime();
        thread = new Thread(() -> watch(connections, pid, interval, progress, started), "strata-index-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch(Supplier<Connection> connections, int pid, Duration interval,
                       Consumer<Target.IndexProgress> progress, long started) {
        try (Connection m = connections.get(); PreparedStatement p = m.prepareStatement(QUERY)) {
            p.setInt(1, pid);
            while (!done) {
                Thread.sleep(interval.toMillis());
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next() && !done) {
                        progress.accept(new Target.IndexProgress(rs.getString(1), rs.getLong(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), Duration.ofNanos(System.nanoTime() - started)));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            // watching is best effort: the build goes on without progress lines
        }
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
