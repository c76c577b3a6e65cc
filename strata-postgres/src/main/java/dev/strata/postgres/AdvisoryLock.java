package dev.strata.postgres;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.run.LockHolder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migration lock: a session-level advisory lock on a two-int key, taken by polling
 * {@code pg_try_advisory_lock} and never by the blocking {@code pg_advisory_lock}. A backend blocked in
 * pg_advisory_lock sits in an open transaction with a snapshot, and {@code CREATE INDEX CONCURRENTLY}
 * in the holder's run would wait for that snapshot, that is for the waiter, which waits for the holder:
 * a deadlock nobody detects. Each poll here is a short autocommit query, so waiters never block the holder.
 *
 * <p>While held, the session's application_name carries {@code (locked <UTC time>)} so that waiters
 * can tell since when; it is restored on release.
 */
final class AdvisoryLock {
    static final Duration FIRST_POLL = Duration.ofMillis(100);
    static final Duration MAX_POLL = Duration.ofSeconds(1);
    static final Duration REPORT_EVERY = Duration.ofSeconds(1);
    private static final Pattern LOCKED_SINCE = Pattern.compile("\\(locked (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)\\)");
    /** application_name holds at most 63 bytes; the suffix takes 31 of them. */
    private static final int BASE_NAME_KEEP = 32;

    private static final String TRY = "SELECT pg_try_advisory_lock(?, ?)";
    private static final String LABEL = "SELECT a, set_config('application_name', left(a, " + BASE_NAME_KEEP + ")"
            + " || ' (locked ' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ')', false)"
            + " FROM (SELECT current_setting('application_name') AS a) s";
    private static final String RELEASE = "SELECT pg_advisory_unlock(?, ?), set_config('application_name', ?, false)";
    private static final String HOLDER = "SELECT a.pid, a.application_name, coalesce(host(a.client_addr), 'local'),"
            + " a.usename, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 2 LIMIT 1";

    private final Connection c;
    private final int key1;
    private final int key2;
    private boolean held;
    private String applicationName;

    AdvisoryLock(Connection c, int[] key) {
        this.c = c;
        this.key1 = key[0];
        this.key2 = key[1];
    }

    boolean held() {
        return held;
    }

    void acquire(Duration maxWait, Consumer<LockHolder> waiting) {
        if (held) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + Math.max(0, maxWait.toNanos());
        long nextReport = start;
        Duration pause = FIRST_POLL;
        try (PreparedStatement attempt = c.prepareStatement(TRY)) {
            attempt.setInt(1, key1);
            attempt.setInt(2, key2);
            while (true) {
                if (tryOnce(attempt)) {
                    held = true;
                    label();
                    return;
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    throw timeout(maxWait);
                }
                if (now - nextReport >= 0) {
                    LockHolder h = holder();
                    if (h != null) {
                        waiting.accept(h);
                    }
                    nextReport = now + REPORT_EVERY.toNanos();
                }
                Thread.sleep(Math.max(1, Math.min(pause.toMillis(), (deadline - now) / 1_000_000)));
                pause = pause.multipliedBy(3).dividedBy(2);
                pause = pause.compareTo(MAX_POLL) > 0 ? MAX_POLL : pause;
            }
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "could not take the migration lock on database "
                    + database() + ": " + PgErrors.describe(e) + "; check the connection and retry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.LOCK_TIMEOUT, "interrupted while waiting for the migration lock on"
                    + " database " + database() + "; retry later");
        }
    }

    private boolean tryOnce(PreparedStatement attempt) throws SQLException {
        try (ResultSet rs = attempt.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void label() throws SQLException {
        try (PreparedStatement p = c.prepareStatement(LABEL); ResultSet rs = p.executeQuery()) {
            rs.next();
            applicationName = rs.getString(1);
        }
    }

    private StrataException timeout(Duration maxWait) throws SQLException {
        LockHolder h = holder();
        String who = h == null ? "another session (it let go just now)" : h.describe();
        return new StrataException(ErrorCode.LOCK_TIMEOUT, "could not take the migration lock on database "
                + database() + " within " + seconds(maxWait) + ": held by " + who
                + "; retry later, or raise --lock-wait");
    }

    /** Releases the lock and restores application_name; harmless when not held. */
    void release() throws SQLException {
        if (!held) {
            return;
        }
        held = false;
        try (PreparedStatement p = c.prepareStatement(RELEASE)) {
            p.setInt(1, key1);
            p.setInt(2, key2);
            p.setString(3, applicationName == null ? PgConnections.DEFAULT_APPLICATION_NAME : applicationName);
            p.executeQuery().close();
        }
    }

    /** Who holds the lock now, or null when nobody else does. */
    LockHolder holder() throws SQLException {
        try (PreparedStatement p = c.prepareStatement(HOLDER)) {
            p.setLong(1, Integer.toUnsignedLong(key1));
            p.setLong(2, Integer.toUnsignedLong(key2));
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String app = rs.getString(2);
                Timestamp backendStart = rs.getTimestamp(5);
                Instant since = lockedSince(app);
                if (since == null && backendStart != null) {
                    since = backendStart.toInstant();
                }
                return new LockHolder(rs.getInt(1), app, rs.getString(3), rs.getString(4), since);
            }
        }
    }

    /** The time in a "(locked 2026-11-21T09:00:03Z)" suffix, or null. */
    static Instant lockedSince(String applicationName) {
        if (applicationName == null) {
            return null;
        }
        Matcher m = LOCKED_SINCE.matcher(applicationName);
        if (!m.find()) {
            return null;
        }
        try {
            return Instant.parse(m.group(1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String database() {
        try {
            return c.getCatalog();
        } catch (SQLException e) {
            return "?";
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
