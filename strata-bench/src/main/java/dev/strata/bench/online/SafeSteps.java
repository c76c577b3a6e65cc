package dev.strata.bench.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The execution rules Strata applies to safe steps, for the stand-in changes: every statement runs with
 * {@code lock_timeout} set, so a step that cannot get its lock gives up instead of queueing the
 * application's writes behind it, and is retried (with a growing pause) when it failed on SQLSTATE
 * 55P03; a group of statements runs as one transaction and is retried as a whole. A batched backfill
 * walks the key in ranges, one short transaction per batch.
 */
final class SafeSteps {

    static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Connection connection;
    private final String lockTimeout;
    private final int attempts;

    SafeSteps(Connection connection, String lockTimeout, int attempts) {
        this.connection = connection;
        this.lockTimeout = lockTimeout;
        this.attempts = attempts;
    }

    /** Runs the statements in one transaction ({@code autocommit} when there is only one), retried on lock timeout. */
    void run(String... statements) throws SQLException {
        runCleaningUp(null, statements);
    }

    /**
     * Like {@link #run}, but runs {@code cleanup} (autocommit) before each retry: a concurrent index build
     * that timed out leaves an INVALID index that must go before the build can start again.
     */
    void runCleaningUp(String cleanup, String... statements) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                runOnce(statements);
                return;
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || attempt >= attempts) {
                    throw e;
                }
                pause(Duration.ofMillis(100L * attempt));
                if (cleanup != null) {
                    run(cleanup);
                }
            }
        }
    }

    private void runOnce(String... statements) throws SQLException {
        long t0 = System.nanoTime();
        try {
            runOnce0(statements);
        } finally {
            trace("%.0f ms: %s", (System.nanoTime() - t0) / 1e6, String.join("; ", statements));
        }
    }

    private void runOnce0(String... statements) throws SQLException {
        boolean transaction = statements.length > 1;
        connection.setAutoCommit(!transaction);
        try (Statement s = connection.createStatement()) {
            s.execute("SET lock_timeout = '" + lockTimeout + "'");
            for (String sql : statements) {
                s.execute(sql);
            }
            if (transaction) {
                connection.commit();
            }
        } catch (SQLException e) {
            if (transaction) {
                connection.rollback();
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * {@code UPDATE table SET assignments WHERE pending} over ranges of {@code batchSize} keys of the
     * integer column {@code key}, ascending, each range its own transaction. The range's upper end is
     * found by keyset on the key's index, so gaps in the key cost nothing. Rows inserted meanwhile must
     * already satisfy the change (a column default or a trigger), so {@code pending} stays false for them.
     *
     * @return rows updated
     */
    long backfill(String table, String key, String assignments, String pending, int batchSize, Duration pause)
            throws SQLException {
        String next = "SELECT " + key + " FROM " + table + " WHERE " + key + " > ? ORDER BY " + key
                + " OFFSET " + (batchSize - 1) + " LIMIT 1";
        String range = "UPDATE " + table + " SET " + assignments + " WHERE " + key + " > ? AND " + key + " <= ? AND ("
                + pending + ")";
        String tail = "UPDATE " + table + " SET " + assignments + " WHERE " + key + " > ? AND (" + pending + ")";
        long updated = 0;
        long from = Long.MIN_VALUE;
        try (Statement settings = connection.createStatement();
             PreparedStatement findEnd = connection.prepareStatement(next);
             PreparedStatement updateRange = connection.prepareStatement(range);
             PreparedStatement updateTail = connection.prepareStatement(tail)) {
            settings.execute("SET lock_timeout = '" + lockTimeout + "'");
            // A batch whose commit is lost in a crash is simply found pending again by the next run, so
            // batches need not wait for their WAL to reach disk; this spares one flush per batch.
            settings.execute("SET synchronous_commit = off");
            long t0 = System.nanoTime();
            long worst = 0;
            while (true) {
                long b0 = System.nanoTime();
                findEnd.setLong(1, from);
                Long to = null;
                try (ResultSet rs = findEnd.executeQuery()) {
                    if (rs.next()) {
                        to = rs.getLong(1);
                    }
                }
                if (to == null) {
                    updateTail.setLong(1, from);
                    updated += retried(updateTail);
                    trace("backfill of %,d rows %.0f ms, slowest batch %.0f ms", updated,
                            (System.nanoTime() - t0) / 1e6, worst / 1e6);
                    settings.execute("RESET synchronous_commit");
                    return updated;
                }
                updateRange.setLong(1, from);
                updateRange.setLong(2, to);
                updated += retried(updateRange);
                worst = Math.max(worst, System.nanoTime() - b0);
                from = to;
                if (!pause.isZero()) {
                    pause(pause);
                }
            }
        }
    }

    private int retried(PreparedStatement update) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return update.executeUpdate();
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || attempt >= attempts) {
                    throw e;
                }
                pause(Duration.ofMillis(100L * attempt));
            }
        }
    }

    /** Step timings on standard error when the JVM runs with {@code -Donline.trace=true}, for tuning. */
    private static void trace(String format, Object... args) {
        if (Boolean.getBoolean("online.trace")) {
            System.err.println("    strata step " + String.format(java.util.Locale.ROOT, format, args));
        }
    }

    private static void pause(Duration duration) throws SQLException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while pausing between steps", e);
        }
    }
}
