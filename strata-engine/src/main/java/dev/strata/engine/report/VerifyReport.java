package dev.strata.engine.report;

import dev.strata.engine.Status;

import java.util.List;

/**
 * What {@code strata verify} found (the {@code --json} document, docs/json-schema/verify.schema.json).
 *
 * @param verified           whether everything is in order: at head, no unknown or half-applied revision, every
 *                           checksum matches, and the live schema is the one the chain's head produces
 * @param current            the revisions the database is at
 * @param heads              the project's heads
 * @param pending            revisions not applied
 * @param unknownApplied     applied revisions the project does not have
 * @param needsRepair        revisions left half-applied
 * @param checksumsChecked   applied revisions whose recorded checksum was compared with their file
 * @param checksumMismatches applied revisions whose file changed
 * @param schemaDifferences  how the live schema differs from what the chain's head produces (head -> database)
 */
public record VerifyReport(boolean verified, List<String> current, List<String> heads,
                           List<Status.PendingRevision> pending, List<String> unknownApplied, List<String> needsRepair,
                           int checksumsChecked, List<Status.ChecksumMismatch> checksumMismatches,
                           List<String> schemaDifferences) {
    public VerifyReport {
        current = List.copyOf(current);
        heads = List.copyOf(heads);
        pending = List.copyOf(pending);
        unknownApplied = List.copyOf(unknownApplied);
        needsRepair = List.copyOf(needsRepair);
        checksumMismatches = List.copyOf(checksumMismatches);
        schemaDifferences = List.copyOf(schemaDifferences);
    }

    static VerifyReport ofStatus(Status st, int checked, List<String> differences) {
        boolean ok = st.pending().isEmpty() && st.unknownApplied().isEmpty() && st.needsRepair().isEmpty()
                && st.checksumMismatches().isEmpty() && differences.isEmpty();
        return new VerifyReport(ok, st.current(), st.heads(), st.pending(), st.unknownApplied(),
                st.needsRepair().stream().map(Status.NeedsRepair::revision).toList(), checked, st.checksumMismatches(),
                differences);
    }

    /** The report for a status, the number of checksums compared and the schema differences found. */
    public static VerifyReport of(Status st, int checked, List<String> differences) {
        return ofStatus(st, checked, differences);
    }

    /** Whether upgrade would refuse to run (a changed applied file, a half-applied revision): exit 1 rather than 3. */
    public boolean blocked() {
        return !checksumMismatches.isEmpty() || !needsRepair.isEmpty();
    }
}
