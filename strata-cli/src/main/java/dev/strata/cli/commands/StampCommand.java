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

    @Parameters(index = "0", paramLabel = "TARGET", description = "head, heads, base, an id or prefix, LABEL@head.")
    String target;

    @Option(names = "--purge", description = "Empty the version table first, even if it names revisions Strata cannot find.")
    boolean purge;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for another runner's lock.")
    Duration lockWait;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            Set<RevisionId> heads = Runs.stamp(s.workspace(), target, purge, lockWait);
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
