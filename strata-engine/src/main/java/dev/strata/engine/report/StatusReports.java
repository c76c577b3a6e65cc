package dev.strata.engine.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.strata.engine.Status;
import dev.strata.graph.RevisionId;
import dev.strata.postgres.HistoryRow;
import dev.strata.run.DatabaseState;
import dev.strata.run.DeferredBuilds;
import dev.strata.run.MigrationSet;

import java.util.List;
import java.util.TreeSet;

/** The documents about where a database stands: check, current and the audit log (history --applied). */
public final class StatusReports {
    private StatusReports() {
    }

    /** Status as {@code check} reports it: needs-repair revisions by id only. */
    public record Check(boolean upToDate, List<String> current, List<String> heads,
                        List<Status.PendingRevision> pending, List<String> unknownApplied, List<String> needsRepair,
                        List<Status.ChecksumMismatch> checksumMismatches, List<String> schemaDrift,
                        List<String> databaseDrift, List<String> deferredIndexes) {
        public static Check of(Status st) {
            return of(st, List.of());
        }

        /** With the deferred pgvector builds still waiting (pending work, not a failed check), by index name. */
        public static Check of(Status st, List<DeferredBuilds.Pending> deferred) {
            return new Check(st.upToDate(), st.current(), st.heads(), st.pending(), st.unknownApplied(),
                    st.needsRepair().stream().map(Status.NeedsRepair::revision).toList(), st.checksumMismatches(),
                    st.schemaDrift(), st.databaseDrift(), deferred.stream().map(DeferredBuilds.Pending::index).toList());
        }
    }

    /** The revisions the database is at, and how many of the project's revisions are not applied. */
    public record Current(List<CurrentRevision> current, int pending, List<DeferredIndex> deferredIndexes) {
        public Current {
            current = List.copyOf(current);
            deferredIndexes = List.copyOf(deferredIndexes);
        }

        /** The database's {@code state} against {@code set}, in id order. */
        public static Current of(MigrationSet set, DatabaseState state, Status status) {
            return of(set, state, status, List.of());
        }

        /** As above, with the deferred pgvector builds still to run. */
        public static Current of(MigrationSet set, DatabaseState state, Status status,
                                 List<DeferredBuilds.Pending> deferred) {
            var g = set.graph();
            List<CurrentRevision> rows = new TreeSet<>(state.heads()).stream().map((RevisionId id) -> {
                boolean known = set.contains(id);
                return new CurrentRevision(id.value(), known && g.heads().contains(id),
                        known ? g.get(id).message() : null, known ? set.script(id).location() : null);
            }).toList();
            return new Current(rows, status.pending().size(), deferred.stream().map(DeferredIndex::of).toList());
        }
    }

    /** A deferred pgvector index build: its table has {@code rows} of the {@code minRows} the build waits for. */
    public record DeferredIndex(String index, String table, String revision, long rows, long minRows) {
        static DeferredIndex of(DeferredBuilds.Pending p) {
            return new DeferredIndex(p.index(), p.table(), p.revision().value(), p.rows(), p.minRows());
        }
    }

    /**
     * A revision the database is at.
     *
     * @param revision its id
     * @param isHead   whether it is a head of the project
     * @param message  its message, or null when the project does not have it
     * @param file     its file, or null when the project does not have it
     */
    public record CurrentRevision(String revision, @JsonProperty("is_head") boolean isHead, String message,
                                  String file) {
    }

    /** The history table, oldest first. */
    public record AuditLog(List<AuditEntry> history) {
        public AuditLog {
            history = List.copyOf(history);
        }

        public static AuditLog of(List<HistoryRow> rows) {
            return new AuditLog(rows.stream().map(AuditEntry::of).toList());
        }
    }

    /**
     * One row of the history table; see {@link HistoryRow} for the fields. {@code details} is the row's measurements
     * (duration, rows, lock waits, sizes, index builds, backfills, verification) as a JSON object, or null.
     */
    public record AuditEntry(long id, String revision, String action, String message, String checksum,
                             String startedAt, Long executionMs, String appliedBy,
                             @JsonProperty("client_addr") String clientAddress, String toolVersion, String status,
                             String error, int statementsRun, int statementsTotal,
                             @com.fasterxml.jackson.annotation.JsonRawValue String details) {
        public static AuditEntry of(HistoryRow h) {
            return new AuditEntry(h.id(), h.revision(), h.action().sql(), h.message(), h.checksum(),
                    h.startedAt() == null ? null : h.startedAt().toString(), h.executionMs(), h.appliedBy(),
                    h.clientAddress(), h.toolVersion(), h.status().sql(), h.error(), h.statementsRun(),
                    h.statementsTotal(), h.details());
        }
    }
}
