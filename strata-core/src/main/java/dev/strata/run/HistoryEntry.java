package dev.strata.run;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the append-only history table. The target adds who applied it (current_user), from
 * where (inet_client_addr()) and the tool version.
 *
 * @param revision          the revision id
 * @param action            what happened
 * @param message           the revision's message
 * @param checksum          hex SHA-256 of the revision content (null for actions without content)
 * @param startedAt         when the step started
 * @param executionMs       time spent running the statements, in milliseconds; negative in an entry handed to
 *                          {@link Target#runInTransaction}, which fills in the time its statements took
 * @param status            ok, failed, or partial (a non-transactional body failed after some statements took effect)
 * @param error             PostgreSQL's message and the statement location, for failed and partial rows
 * @param statementsRun     how many statements took effect (non-transactional bodies; else the count run)
 * @param statementsTotal   how many statements the body has
 * @param details           JSON object text stored in the nullable {@code details jsonb} column (an upgrade's or
 *                          downgrade's {@link StepMetrics}), or null
 */
public record HistoryEntry(String revision, Action action, String message, String checksum, Instant startedAt,
                           long executionMs, Status status, String error, int statementsRun, int statementsTotal,
                           String details) {
    /** An entry without details. */
    public HistoryEntry(String revision, Action action, String message, String checksum, Instant startedAt,
                        long executionMs, Status status, String error, int statementsRun, int statementsTotal) {
        this(revision, action, message, checksum, startedAt, executionMs, status, error, statementsRun,
                statementsTotal, null);
    }

    public HistoryEntry {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    /** A copy with the execution time set. */
    public HistoryEntry withExecutionMs(long ms) {
        return new HistoryEntry(revision, action, message, checksum, startedAt, ms, status, error, statementsRun,
                statementsTotal, details);
    }

    /** A copy with the details set. */
    public HistoryEntry withDetails(String json) {
        return new HistoryEntry(revision, action, message, checksum, startedAt, executionMs, status, error,
                statementsRun, statementsTotal, json);
    }

    /** The kind of a history row; stored lower-case. */
    public enum Action {
        UPGRADE, DOWNGRADE, STAMP_UP, STAMP_DOWN, REPAIR, ACCEPT_CHECKSUM,
        /** A pg_dump taken before an upgrade, or by {@code strata backup}: revision = the heads it holds. */
        BACKUP,
        /** A pg_restore of a backup: revision = the heads recorded in the restored history. */
        RESTORE,
        /** A seed data file loaded: revision = the file's path in the seed folder, checksum = its content's. */
        SEED;

        public String sql() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Action fromSql(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** The outcome of a history row; stored lower-case. */
    public enum Status {
        OK, FAILED, PARTIAL;

        public String sql() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromSql(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
