package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.Runs;
import dev.strata.run.Runner;
import dev.strata.script.MigrationScript;
import dev.strata.plan.Statement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code strata repair}: clear the mark a half-applied revision left, or accept an edited checksum. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Resolve what blocks upgrade after a failure.",
                "Without options: for each non-transactional revision that failed part way, say which statements had run and mark it resolved;"
                        + " the next upgrade runs it again from its first statement (make sure that is safe, or use `strata upgrade --resume`).",
                "With --accept-checksum REV: accept the current content of an applied revision that was edited on purpose."})
public final class RepairCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--accept-checksum", paramLabel = "REV", description = "Accept the edited content of this applied revision.")
    String acceptChecksum;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for another runner's lock.")
    Duration lockWait;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            if (acceptChecksum != null) {
                Runs.acceptChecksum(s.workspace(), acceptChecksum, lockWait);
                s.console().info("Accepted the current checksum of " + acceptChecksum + ".");
                return 0;
            }
            List<Runner.Repaired> repaired = Runs.repair(s.workspace(), lockWait);
            if (repaired.isEmpty()) {
                s.console().info("Nothing to repair: no revision is marked as half-applied.");
                return 0;
            }
            for (Runner.Repaired r : repaired) {
                var f = r.failure();
                s.console().line("Revision " + f.revision() + ": " + f.statementsRun() + " of " + f.statementsTotal()
                        + " statements had run before it failed (" + f.error() + ")");
                MigrationScript script = r.script();
                if (script != null) {
                    List<Statement> up = script.upgradePlan();
                    for (int i = 0; i < up.size(); i++) {
                        String state = i < f.statementsRun() ? "ran   " : i == f.statementsRun() ? "FAILED" : "not run";
                        s.console().line("  " + state + "  " + up.get(i).source() + "  " + firstLine(up.get(i).sql()));
                    }
                }
                s.console().line("Marked resolved: the next `strata upgrade` runs " + f.revision() + " from its first statement.");
            }
            return 0;
        }
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
