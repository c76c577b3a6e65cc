package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.Status;
import dev.strata.engine.StatusReader;
import dev.strata.engine.report.StatusReports;
import dev.strata.run.DatabaseState;
import dev.strata.run.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code strata current}: the revisions the database is at. */
@Command(name = "current", mixinStandardHelpOptions = true,
        description = "Show the revision(s) the database is at, marking those that are heads.")
public final class CurrentCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            MigrationSet set = s.migrations();
            DatabaseState state = s.target().readState();
            Status status = StatusReader.read(s.workspace());
            StatusReports.Current report = StatusReports.Current.of(set, state, status);
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
                s.console().info(pending + " revision(s) not applied; `strata upgrade heads` applies them.");
            }
            return 0;
        }
    }
}
