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

    /** The command as picocli would build it from {@code downgrade TARGET [--cascade]} (the plain command line). */
    public static DowngradeCommand of(StrataCommand root, String target, boolean cascade) {
        DowngradeCommand c = new DowngradeCommand();
        c.root = root;
        c.target = target;
        c.cascade = cascade;
        return c;
    }

    @Override
    public Integer call() {
        return call(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs the downgrade, writing to {@code out} and {@code err}; returns the exit status. */
    public Integer call(java.io.PrintWriter out, java.io.PrintWriter err) {
        try (Session s = new Session(root, out, err)) {
            if (!sql) {
                // connect, and read the database's state, while the revision files are read
                s.workspace().connectInBackground(true);
            }
            return Migrate.run(s, Direction.DOWN, target, sql, new Runs.Options(lockWait, false, false, cascade),
                    metricsFile, root.environment());
        }
    }
}
