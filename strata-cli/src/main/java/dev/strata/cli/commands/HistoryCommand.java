package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.report.RevisionLists;
import dev.strata.engine.report.StatusReports;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;
import dev.strata.postgres.HistoryRow;
import dev.strata.run.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code strata history}: the revisions in order, newest first; or, with --applied, the database's audit log. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List revisions, newest first (from the files; no database needed unless -i, --applied or a range with 'current').",
                "With --applied, list the database's audit log instead: every upgrade, downgrade, stamp, repair and failure."})
public final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--rev-range"}, paramLabel = "RANGE",
            description = "Only revisions in RANGE: A:B, A:, :B, base:head, current:head, -3: (relative to current).")
    String range;

    @Option(names = {"-i", "--indicate-current"}, description = "Mark the revisions the database is at (needs a connection).")
    boolean indicateCurrent;

    @Option(names = "--applied", description = "Show the audit log from the history table, newest first (needs a"
            + " connection); with --verbose also checksums, statements and each run's measurements (rows, lock"
            + " retries, table and index sizes before and after, index builds, backfills, verification).")
    boolean applied;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            s.workspace().project().splittingOnUse(); // headers and checksums through the revision cache
            if (applied) {
                return auditLog(s);
            }
            MigrationSet set = s.migrations();
            boolean needsDb = indicateCurrent || (range != null && (range.contains("current") || range.startsWith("-")));
            Set<RevisionId> current = needsDb ? s.target().readState().heads() : null;
            List<Revision> revisions = range == null
                    ? set.graph().all()
                    : set.graph().range(range, current == null ? Set.of() : current);
            // all() is oldest first, a range newest first already: list newest first either way, as alembic history does
            List<Revision> newestFirst = new ArrayList<>(revisions);
            if (range == null) {
                java.util.Collections.reverse(newestFirst);
            }
            Set<RevisionId> marks = indicateCurrent ? current : null;
            if (s.console().json()) {
                s.console().json(RevisionLists.Revisions.of(set, newestFirst, marks));
                return 0;
            }
            for (Revision r : newestFirst) {
                if (s.console().verbose()) {
                    Describe.block(set, r, marks).forEach(s.console()::line);
                } else {
                    s.console().line(Describe.line(set, r, marks));
                }
            }
            return 0;
        }
    }

    /** A row's measurements in a few words (the whole object is in --json). */
    static String details(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            StringBuilder b = new StringBuilder();
            b.append("rows ").append(d.path("rows_affected").asLong());
            if (d.path("lock_retries").asInt() > 0) {
                b.append("  lock retries ").append(d.path("lock_retries").asInt()).append(" (")
                        .append(d.path("lock_wait_ms").asLong()).append(" ms)");
            }
            for (var r : d.path("relations")) {
                b.append("  ").append(r.path("relation").asText()).append(' ')
                        .append(r.path("bytes_before").isNull() ? "new" : r.path("bytes_before").asText() + " B")
                        .append(" -> ")
                        .append(r.path("bytes_after").isNull() ? "dropped" : r.path("bytes_after").asText() + " B");
            }
            for (var i : d.path("index_builds")) {
                b.append("  index ").append(i.path("index").asText()).append(' ').append(i.path("ms").asLong())
                        .append(" ms");
            }
            for (var f : d.path("backfills")) {
                b.append("  backfill ").append(f.path("table").asText()).append(' ').append(f.path("rows").asLong())
                        .append(" rows ").append(f.path("rows_per_second").asLong()).append(" rows/s");
            }
            if (d.has("verify")) {
                b.append(d.path("verify").path("passed").asBoolean() ? "  verified" : "  verification failed");
            }
            return b.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "details " + json;
        }
    }

    private int auditLog(Session s) {
        // newest first, like the revision listing (the table reads oldest first)
        List<HistoryRow> rows = new ArrayList<>(s.target().history());
        java.util.Collections.reverse(rows);
        if (s.console().json()) {
            s.console().json(StatusReports.AuditLog.of(rows));
            return 0;
        }
        if (rows.isEmpty()) {
            s.console().info("The history table is empty.");
        }
        for (HistoryRow h : rows) {
            StringBuilder b = new StringBuilder();
            b.append(h.startedAt()).append("  ").append(String.format("%-15s", h.action().sql())).append(' ')
                    .append(h.revision()).append("  ").append(h.status().sql());
            if (h.executionMs() != null) {
                b.append("  ").append(h.executionMs()).append(" ms");
            }
            b.append("  by ").append(h.appliedBy()).append('@').append(h.clientAddress());
            if (s.console().verbose()) {
                b.append("  checksum ").append(h.checksum()).append("  strata ").append(h.toolVersion());
                b.append("  statements ").append(h.statementsRun()).append('/').append(h.statementsTotal());
                if (h.details() != null) {
                    b.append("  ").append(details(h.details()));
                }
            }
            if (h.error() != null) {
                b.append("  error: ").append(h.error());
            }
            s.console().line(b.toString());
        }
        return 0;
    }
}
