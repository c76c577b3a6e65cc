package dev.strata.postgres;

import dev.strata.run.HistoryEntry;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table as stored, with the columns the database fills in itself (id, who,
 * from where, which tool version). Rows are listed oldest first; {@code id} grows with time.
 *
 * @param id              the row's identity, increasing
 * @param revision        the revision id as stored
 * @param action          what happened
 * @param message         the revision's message
 * @param checksum        hex SHA-256 of the revision content, or null
 * @param startedAt       when the step started
 * @param executionMs     milliseconds spent, or null when not measured (offline scripts)
 * @param appliedBy       the database user
 * @param clientAddress   the client address, or "local"
 * @param toolVersion     the Strata version that wrote the row
 * @param status          ok, failed or partial
 * @param error           the error text of failed and partial rows, else null
 * @param statementsRun   statements that took effect
 * @param statementsTotal statements in the body
 * @param details         the step's measurements as JSON object text ({@code dev.strata.run.StepMetrics#toJson}),
 *                        or null (rows without any, rows written before the column existed)
 */
public record HistoryRow(long id, String revision, HistoryEntry.Action action, String message, String checksum,
                         Instant startedAt, Long executionMs, String appliedBy, String clientAddress,
                         String toolVersion, HistoryEntry.Status status, String error, int statementsRun,
                         int statementsTotal, String details) {
    /** A row without details. */
    public HistoryRow(long id, String revision, HistoryEntry.Action action, String message, String checksum,
                      Instant startedAt, Long executionMs, String appliedBy, String clientAddress, String toolVersion,
                      HistoryEntry.Status status, String error, int statementsRun, int statementsTotal) {
        this(id, revision, action, message, checksum, startedAt, executionMs, appliedBy, clientAddress, toolVersion,
                status, error, statementsRun, statementsTotal, null);
    }

    public HistoryRow {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }
}
