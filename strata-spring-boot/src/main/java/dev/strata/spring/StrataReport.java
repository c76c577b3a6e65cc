package dev.strata.spring;

import dev.strata.engine.Status;
import dev.strata.postgres.HistoryRow;
import dev.strata.run.HistoryEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /actuator/strata} shows: the revisions applied (with checksum and timing, from the history
 * table), the pending ones, and what blocks an upgrade.
 *
 * @param upToDate           nothing pending, failed or changed
 * @param current            the revisions the database is at
 * @param heads              the application's head revisions
 * @param applied            the applied revisions, in the order they were applied
 * @param pending            revisions of the application not applied yet
 * @param failed             revisions whose last run failed or stopped part way
 * @param checksumMismatches applied revisions whose file changed since
 * @param unknownApplied     applied revisions the application does not have (the database is ahead of it)
 */
public record StrataReport(boolean upToDate, List<String> current, List<String> heads, List<Applied> applied,
                           List<Status.PendingRevision> pending, List<Status.NeedsRepair> failed,
                           List<Status.ChecksumMismatch> checksumMismatches, List<String> unknownApplied) {

    /** One applied revision as its latest history row records it. */
    public record Applied(String revision, String message, String checksum, Instant appliedAt, Long executionMs,
                          String appliedBy, String action) {
    }

    /** The report of {@code status}: the history replayed, upgrades adding a revision and downgrades removing it. */
    public static StrataReport of(Status status) {
        Map<String, Applied> applied = new LinkedHashMap<>();
        for (HistoryRow row : status.history()) {
            if (row.status() != HistoryEntry.Status.OK) {
                continue;
            }
            switch (row.action()) {
                case UPGRADE, STAMP_UP -> {
                    applied.remove(row.revision());
                    applied.put(row.revision(), new Applied(row.revision(), row.message(), row.checksum(),
                            row.startedAt(), row.executionMs(), row.appliedBy(), row.action().sql()));
                }
                case DOWNGRADE, STAMP_DOWN -> applied.remove(row.revision());
                case ACCEPT_CHECKSUM -> applied.computeIfPresent(row.revision(), (k, a) -> new Applied(a.revision(),
                        a.message(), row.checksum(), a.appliedAt(), a.executionMs(), a.appliedBy(), a.action()));
                case REPAIR -> { }
                default -> throw new IllegalStateException("unknown history action " + row.action());
            }
        }
        boolean upToDate = status.pending().isEmpty() && !status.blocked();
        return new StrataReport(upToDate, status.current(), status.heads(), new ArrayList<>(applied.values()),
                status.pending(), status.needsRepair(), status.checksumMismatches(), status.unknownApplied());
    }
}
