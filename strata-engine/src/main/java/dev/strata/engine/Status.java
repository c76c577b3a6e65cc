package dev.strata.engine;

import java.util.List;
import java.util.Objects;

/**
 * Where a database stands against the project's revisions. Every list is sorted (revisions in graph
 * order, ids in text order) so the same state gives the same value.
 *
 * @param current            the revisions the database's version table is at (sorted ids)
 * @param heads              the project's head revisions
 * @param history            the history table, oldest first (empty when Strata's tables do not exist yet)
 * @param pending            revisions of the project not applied to the database
 * @param unknownApplied     revisions the database has applied that the project does not have (the database
 *                           is ahead of this code, or the revisions were deleted)
 * @param needsRepair        revisions that failed part way (non-transactional) or failed and were not repaired
 * @param checksumMismatches applied revisions whose file changed after they were applied
 * @param schemaDrift        differences between the chain head and the desired-state folder (only when a
 *                           folder was compared), one line each
 * @param databaseDrift      differences between what the applied revisions produce and the database (only
 *                           when asked for), one line each
 */
public record Status(List<String> current, List<String> heads, List<dev.strata.postgres.HistoryRow> history,
                     List<PendingRevision> pending,
                     List<String> unknownApplied, List<NeedsRepair> needsRepair,
                     List<ChecksumMismatch> checksumMismatches, List<String> schemaDrift, List<String> databaseDrift) {
    public Status {
        current = List.copyOf(current);
        heads = List.copyOf(heads);
        history = List.copyOf(history);
        pending = List.copyOf(pending);
        unknownApplied = List.copyOf(unknownApplied);
        needsRepair = List.copyOf(needsRepair);
        checksumMismatches = List.copyOf(checksumMismatches);
        schemaDrift = List.copyOf(schemaDrift);
        databaseDrift = List.copyOf(databaseDrift);
    }

    /** Whether upgrade would refuse to run as things are: a changed applied file or a half-applied revision. */
    public boolean blocked() {
        return !checksumMismatches.isEmpty() || !needsRepair.isEmpty();
    }

    /** Whether the database is at the head(s) with nothing unknown, broken or drifted. */
    public boolean upToDate() {
        return pending.isEmpty() && unknownApplied.isEmpty() && !blocked() && schemaDrift.isEmpty()
                && databaseDrift.isEmpty();
    }

    /** A revision not applied yet. */
    public record PendingRevision(String revision, String message, String file) {
        public PendingRevision {
            Objects.requireNonNull(revision, "revision");
        }
    }

    /**
     * A revision left half-applied (or failed) that upgrade refuses to run past until it is resumed or repaired.
     *
     * @param revision        its id
     * @param file            its file, or null when the project no longer has it
     * @param statementsRun   how many of its statements took effect
     * @param statementsTotal how many it has
     * @param error           the recorded error
     */
    public record NeedsRepair(String revision, String file, int statementsRun, int statementsTotal, String error) {
    }

    /**
     * An applied revision whose file changed since.
     *
     * @param revision the id
     * @param file     the file
     * @param applied  the checksum recorded when it was applied
     * @param now      the checksum of the file now
     */
    public record ChecksumMismatch(String revision, String file, String applied, String now) {
    }
}
