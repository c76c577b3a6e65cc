package dev.strata.engine;

import dev.strata.engine.config.Durations;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waiting for a database that is not up yet ({@code --wait-for-db}, {@code Strata.configure().waitForDb}): a
 * container entrypoint or Kubernetes Job often starts before PostgreSQL accepts connections. Connection
 * attempts are retried with exponential backoff (250 ms doubling up to 5 s) and jitter, so that many pods
 * starting together do not knock in step, until the wait runs out; then the last attempt's one-line error is
 * thrown, saying how long it waited.
 *
 * <p>Only failures that go away by themselves are retried: the server refusing or not answering (SQLState
 * class 08, an unknown or unreachable host, as while DNS or the network come up), starting up or shutting down
 * (57P03) or out of connection slots (53300). A wrong password, a missing database or a bad URL fail at once:
 * waiting would not help.
 */
final class ConnectWait {
    static final Duration FIRST_DELAY = Duration.ofMillis(250);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private ConnectWait() {
    }

    /**
     * Opens a connection with {@code attempt}, retrying for up to {@code wait}.
     *
     * @param what    what is being waited for, safe to print ("the database at" the redacted URL and its source)
     * @param waiting told once, before the first retry, what is being waited for
     */
    static Connection open(Supplier<Connection> attempt, Duration wait, String what, Consumer<String> waiting) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isZero() || wait.isNegative()) {
            return attempt.get();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        long delay = FIRST_DELAY.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return attempt.get();
            } catch (StrataException e) {
                if (!retryable(e)) {
                    throw e;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StrataException(ErrorCode.CONNECTION_FAILED, "gave up waiting for the database after "
                            + Durations.format(wait) + " (" + attempts + " attempts): " + e.getMessage(), e);
                }
                if (attempts == 1) {
                    waiting.accept("waiting up to " + Durations.format(wait) + " for " + what);
                }
                // jitter: between half and all of the current backoff, never past the deadline
                long sleep = Math.min(left, ThreadLocalRandom.current().nextLong(delay / 2, delay + 1));
                delay = Math.min(delay * 2, MAX_DELAY.toNanos());
                try {
                    Thread.sleep(Math.max(1, sleep / 1_000_000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Whether a failed connection attempt may succeed later without anyone changing anything. */
    static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P03") || state.equals("53300")) {
                    return true;
                }
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
