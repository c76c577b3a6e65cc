package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.Runs;
import dev.strata.graph.RevisionId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code strata stamp TARGET}: record a revision as applied without running anything. */
@Command(name = "stamp", mixinStandardHelpOptions = true,
        description = {"Set the version table to TARGET without running any revision.",
                "Use it to adopt an existing database (write a baseline revision, then `strata stamp head`), or to fix the record by hand.",
                "Stamped revisions get a history row with their checksum, so later edits are still detected."})
public final class StampCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "head, heads, base, an id or prefix, LABEL@head,"
            + " LABEL@base; several at once (e.g. the heads of two branches: of revisions on one branch the highest"
            + " counts). With --sql, also a range FROM:TO.")
    List<String> targets;

    @Option(names = "--sql", description = "Print the SQL of the version-table writes instead of running them (no"
            + " connection); TARGET alone assumes a database without Strata's tables, FROM:TO one at FROM.")
    boolean sql;

    @Option(names = "--purge", description = "Empty the version table first, even if it names revisions Strata cannot find.")
    boolean purge;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for another runner's lock.")
    Duration lockWait;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            if (sql) {
                s.console().raw(Runs.offlineStamp(s.workspace(), targets, purge));
                return 0;
            }
            Set<RevisionId> heads = Runs.stamp(s.workspace(), targets, purge, lockWait);
            String now = heads.isEmpty() ? "base" : String.join(", ",
                    new TreeSet<>(heads).stream().map(RevisionId::value).toList());
            if (s.console().json()) {
                s.console().json(dev.strata.engine.report.RunReports.Stamped.of(heads));
            } else {
                s.console().info("Stamped the database at " + now + ".");
            }
            return 0;
        }
    }
}
