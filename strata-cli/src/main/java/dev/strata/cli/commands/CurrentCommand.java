package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.Status;
import dev.strata.engine.StatusReader;
import dev.strata.engine.report.StatusReports;
import dev.strata.graph.RevisionId;
import dev.strata.run.DatabaseState;
import dev.strata.run.DeferredBuilds;
import dev.strata.run.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code strata current}: the revisions the database is at. */
@Command(name = "current", mixinStandardHelpOptions = true,
        description = "Show the revision(s) the database is at, marking those that are heads, and the deferred"
                + " pgvector index builds still to run.")
public final class CurrentCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    /** The command as picocli would build it from a plain {@code current} command line. */
    public static CurrentCommand of(StrataCommand root) {
        CurrentCommand c = new CurrentCommand();
        c.root = root;
        return c;
    }

    @Override
    public Integer call() {
        return call(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Shows the state, writing to {@code out} and {@code err}; returns the exit status. */
    public Integer call(java.io.PrintWriter out, java.io.PrintWriter err) {
        try (Session s = new Session(root, out, err)) {
            // as a run reads them: the revisions' headers and checksums through the revision cache (their statements
            // are split only where needed), while the connection is made and the state read
            s.workspace().project().splittingOnUse();
            s.workspace().connectInBackground(true);
            MigrationSet set = s.migrations();
            DatabaseState state = s.target().readState();
            Status status = StatusReader.read(s.workspace());
            List<DeferredBuilds.Pending> deferred = DeferredBuilds.of(set, s.target()).pending();
            StatusReports.Current report = StatusReports.Current.of(set, state, status, deferred);
            int pending = report.pending();
            if (s.console().json()) {
                s.console().json(report);
                return 0;
            }
            if (report.current().isEmpty()) {
                s.console().info("The database is at base (no revision applied).");
            }
            for (StatusReports.CurrentRevision m : report.current()) {
                StringBuilder line = new StringBuilder(m.revision());
                if (m.isHead()) {
                    line.append(" (head)");
                }
                if (s.console().verbose() && m.message() != null) {
                    line.append(", ").append(m.message()).append(" (").append(m.file()).append(')');
                }
                s.console().line(line.toString());
            }
            if (!status.unknownApplied().isEmpty()) {
                s.console().info("the database has " + status.unknownApplied().size() + " revision(s) this folder does not"
                        + " know: " + String.join(", ", status.unknownApplied()));
            }
            if (pending > 0) {
                s.console().info(pending + " revision(s) not applied; " + upgradeHint(set.graph().heads().stream().map(RevisionId::value).toList()) + ".");
            }
            deferredLines(deferred).forEach(s.console()::info);
            return 0;
        }
    }

    /** One line per deferred pgvector build still to run: pending work that `strata upgrade` finishes. */
    static List<String> deferredLines(List<DeferredBuilds.Pending> deferred) {
        return deferred.stream().map(d -> "deferred index " + d.index() + " on " + d.table() + " (revision "
                + d.revision().value() + "): " + (d.ready()
                ? "the table has the " + d.minRows() + " rows it needs; `strata upgrade` builds it concurrently"
                : "waits for " + d.minRows() + " rows (lists x 39), the table has " + d.rows())).toList();
    }

    /**
     * What applies the pending revisions: {@code strata upgrade head} when the folder has one head; with several,
     * each head by name (a head may be a branch this environment should not get), never a bare "upgrade heads".
     */
    static String upgradeHint(List<String> heads) {
        if (heads.size() <= 1) {
            return "`strata upgrade head` applies them";
        }
        return "the folder has " + heads.size() + " heads (" + String.join(", ", heads) + "): `strata upgrade ID` (or `LABEL@head`) applies each branch this environment needs";
    }


    /** The heads of the version table that the migrations folder defines. */
    public static java.util.Set<RevisionId> knownHeads(MigrationSet set, DatabaseState state) {
        java.util.Set<RevisionId> out = new java.util.HashSet<>();
        for (RevisionId id : state.heads()) {
            if (set.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
