package dev.strata.cli;

/** The exit statuses of {@code strata}; documented in the README. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** A run failed (a statement, the lock, a checksum, the connection). */
    public static final int FAILURE = 1;
    /** Bad usage or bad input (arguments, configuration, revision files, targets). */
    public static final int USAGE = 2;
    /** {@code check}: the database is not at head, or has drifted. */
    public static final int PENDING = 3;
    /** {@code lint}: findings at or above the failing severity. */
    public static final int LINT = 4;
    /** {@code upgrade}/{@code downgrade}: an alert condition of {@code [alerts]} in strata.toml was met. */
    public static final int ALERT = 5;

    private ExitCode() {
    }
}
