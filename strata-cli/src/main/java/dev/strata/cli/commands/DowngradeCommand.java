package dev.strata.cli.commands;

import dev.strata.cli.Migrate;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.Runs;
import dev.strata.graph.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code strata downgrade TARGET}. */
@Command(name = "downgrade", mixinStandardHelpOptions = true,
        description = {"Revert revisions down to TARGET.",
                "TARGET: base, a revision id or unique prefix, LABEL@base, -N, ID-N.",
                "With --sql, print the SQL instead of running it; TARGET must then be a range FROM:TO (e.g. head:base).",
                "Metrics go to the history table, --metrics-file (or [metrics] file) and, when OTEL_* variables configure"
                        + " an exporter, OpenTelemetry spans.",
                "Exit status 5 when an [alerts] condition of strata.toml is met (any downgrade, a long revision, a"
                        + " failure)."})
public final class DowngradeCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Where to go.")
    String target;

    @Option(names = "--sql", description = "Print the SQL, including Strata's own table writes, instead of running it.")
    boolean sql;

    @Option(names = "--cascade", description = {"Also revert revisions of other branches that depend on a reverted one"
            + " (depends-on); without it Strata names them and changes nothing. Alembic reverts them without asking."})
    boolean cascade;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for another runner's lock (default from strata.toml, else 60s).")
    Duration lockWait;

    @Option(names = "--metrics-file", paramLabel = "PATH",
            description = "Write the run's metrics to PATH as a Prometheus text file (for node_exporter's textfile"
                    + " collector), replacing it atomically (default: [metrics] file of strata.toml, else none).")
    java.nio.file.Path metricsFile;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            return Migrate.run(s, Direction.DOWN, target, sql, new Runs.Options(lockWait, false, false, cascade),
                    metricsFile, root.environment());
        }
    }
}
