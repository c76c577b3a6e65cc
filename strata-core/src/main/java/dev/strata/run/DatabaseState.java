package dev.strata.run;

import dev.strata.graph.RevisionId;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the database says about itself.
 *
 * @param tablesExist whether the version and history tables exist at all
 * @param heads       the revisions in the version table
 * @param checksums   for each revision, the checksum of its latest successful upgrade, stamp or accepted checksum
 *                    (entries for revisions that were since downgraded may remain; callers look up only applied ones)
 * @param partial     non-transactional revisions that failed part way and were neither repaired nor re-run successfully
 */
public record DatabaseState(boolean tablesExist, Set<RevisionId> heads, Map<RevisionId, String> checksums,
                            List<PartialFailure> partial) {
    public DatabaseState {
        heads = Set.copyOf(heads);
        checksums = Map.copyOf(checksums);
        partial = List.copyOf(partial);
    }

    public static DatabaseState empty() {
        return new DatabaseState(false, Set.of(), Map.of(), List.of());
    }

    /**
     * A revision left half-applied.
     *
     * @param revision        the revision id
     * @param statementsRun   how many of its statements took effect
     * @param statementsTotal how many it has
     * @param error           the recorded error (message and location)
     * @param at              when it failed
     */
    public record PartialFailure(RevisionId revision, int statementsRun, int statementsTotal, String error,
                                 java.time.Instant at) {
    }
}
