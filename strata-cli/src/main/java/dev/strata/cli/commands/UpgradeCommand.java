package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Migrate;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.Runs;
import dev.strata.engine.ops.Preflight;
import dev.strata.graph.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code strata upgrade [TARGET]}. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Apply revisions up to TARGET (default: head).",
                "TARGET: head (alias: latest), heads, a revision id or unique prefix, LABEL@head, +N, ID+N.",
                "With --sql, print the SQL instead of running it (no connection); TARGET may be a range FROM:TO.",
                "Online, when a revision is pending, the pre-checks of strata preflight run first (a failed one changes"
                        + " nothing), then a verified backup when the environment has backup = true, then the revisions;"
                        + " then the environment's seed data (development and test by default). With nothing pending,"
                        + " the applied revisions' checksums are verified under the lock.",
                "A revision's -- strata:verify statements run after its upgrade; a failing one fails the revision.",
                "Metrics go to the history table, --metrics-file (or [metrics] file) and, when OTEL_* variables configure"
                        + " an exporter, OpenTelemetry spans.",
                "Exit status 5 when an [alerts] condition of strata.toml is met (a long revision, a failure, a failed"
                        + " verification), also on failure."})
public final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", defaultValue = "head",
            description = "Where to go (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--sql", description = "Print the SQL, including Strata's own table writes, instead of running it.")
    boolean sql;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for another runner's lock (e.g. 30s, 5min; default from strata.toml, else 60s).")
    Duration lockWait;

    @Option(names = "--resume", description = "Continue a non-transactional revision that failed part way, at the statement that failed.")
    boolean resume;

    @Option(names = "--ignore-unknown",
            description = "Run although the database has applied revisions this folder does not know (it is ahead of"
                    + " this code): leave them as they are and apply this folder's pending revisions.")
    boolean ignoreUnknown;

    @Option(names = "--allow", paramLabel = "RULE",
            description = "Apply even with lint findings of this rule (id or name; repeatable). The linter runs first and"
                    + " refuses findings at the failing severity ([lint] fail_on); with --sql they become comments.")
    java.util.List<String> allow = new java.util.ArrayList<>();

    @Option(names = "--skip-preflight", description = "Do not run the pre-checks first.")
    boolean skipPreflight;

    @Option(names = "--backup", negatable = true, description = "Take a backup before the first pending revision"
            + " (--no-backup: do not), whatever backup says in [environments.NAME].")
    Boolean backup;

    @Option(names = "--seed", negatable = true, description = "Load the seed data after the revisions (--no-seed: do"
            + " not), whatever seed says in [environments.NAME].")
    Boolean seed;

    @Option(names = "--metrics-file", paramLabel = "PATH",
            description = "Write the run's metrics to PATH as a Prometheus text file (for node_exporter's textfile"
                    + " collector), replacing it atomically (default: [metrics] file of strata.toml, else none).")
    java.nio.file.Path metricsFile;

    /**
     * The command as picocli would have built it from a plain command line (see {@link dev.strata.cli.QuickMigrate}):
     * no --sql, --lock-wait, --allow or --metrics-file.
     */
    public static UpgradeCommand of(StrataCommand root, String target, boolean resume, boolean ignoreUnknown,
                                    boolean skipPreflight, Boolean backup, Boolean seed) {
        UpgradeCommand c = new UpgradeCommand();
        c.root = root;
        c.target = target;
        c.resume = resume;
        c.ignoreUnknown = ignoreUnknown;
        c.skipPreflight = skipPreflight;
        c.backup = backup;
        c.seed = seed;
        return c;
    }

    @Override
    public Integer call() {
        return call(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs the upgrade, writing to {@code out} and {@code err}; returns the exit status. */
    public Integer call(java.io.PrintWriter out, java.io.PrintWriter err) {
        try (Session s = new Session(root, out, err)) {
            if (!sql) {
                s.workspace().project().splittingOnUse(); // a no-op upgrade never lexes the applied revisions
                // connect, and read the database's state, while the revision files are read
                s.workspace().connectInBackground(true);
            }
            Runs.Options options = new Runs.Options(lockWait, resume, ignoreUnknown, false);
            // the pre-checks read the database while the linter reads the revisions; they are told (and count)
            // only when the linter lets the upgrade go on
            Preflight.Ahead ahead = sql || skipPreflight ? null : Preflight.ahead(s.workspace(), target, options);
            int lint = dev.strata.cli.LintGate.beforeUpgrade(s, target, sql, allow);
            if (lint != ExitCode.OK) {
                return lint;
            }
            if (sql) {
                return Migrate.run(s, Direction.UP, target, true, options);
            }
            return Migrate.upgrade(s, target, options, new dev.strata.engine.ops.Upgrade.Options(skipPreflight,
                    java.util.Optional.ofNullable(backup), java.util.Optional.ofNullable(seed), ahead), metricsFile,
                    root.environment());
        }
    }
}
