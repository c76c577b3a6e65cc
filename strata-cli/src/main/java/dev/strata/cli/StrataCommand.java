package dev.strata.cli;

import dev.strata.cli.commands.BaselineCommand;
import dev.strata.cli.commands.BranchesCommand;
import dev.strata.cli.commands.CheckCommand;
import dev.strata.cli.commands.CurrentCommand;
import dev.strata.cli.commands.LintCommand;
import dev.strata.cli.commands.DevCommand;
import dev.strata.cli.commands.DiagramCommand;
import dev.strata.cli.commands.DiffCommand;
import dev.strata.cli.commands.DowngradeCommand;
import dev.strata.cli.commands.HeadsCommand;
import dev.strata.cli.commands.HistoryCommand;
import dev.strata.cli.commands.ImportCommand;
import dev.strata.cli.commands.InitCommand;
import dev.strata.cli.commands.MergeCommand;
import dev.strata.cli.commands.RepairCommand;
import dev.strata.cli.commands.ReportCommand;
import dev.strata.cli.commands.RevisionCommand;
import dev.strata.cli.commands.ShowCommand;
import dev.strata.cli.commands.StairwayCommand;
import dev.strata.cli.commands.StampCommand;
import dev.strata.cli.commands.UpgradeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;

/** The root command: global options and the list of subcommands. */
@Command(name = "strata", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Schema migrations for PostgreSQL: reversible revisions, a lock against concurrent runners, checksums and offline SQL.",
        footer = {"", "Exit status: 0 ok, 1 a run failed, 2 bad usage or input, 3 check found pending revisions or drift,",
                "4 lint found findings at or above the failing severity, 5 upgrade or downgrade met an [alerts] condition.",
                "Run `strata COMMAND --help` for a command's options."})
public final class StrataCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. They are registered by {@link Main}: only the one
     * invoked when the command line names one (building picocli's model of all of them costs a tenth of a
     * second at every start), all of them otherwise.
     */
    static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS = subcommands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> subcommands() {
        java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
        for (String name : new String[] {"init", "revision", "upgrade", "downgrade", "current", "history", "heads",
                "branches", "show", "stamp", "baseline", "import", "merge", "check", "verify", "lint", "diff", "diagram",
                "report", "stairway", "repair", "dev", "preflight", "backup", "restore", "seed"}) {
            m.put(name, new Make(name));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Makes one subcommand. A switch rather than a constructor reference per command: each of those would spin a
     * class at start-up, which every run pays for before it parses its arguments.
     */
    private record Make(String name) implements java.util.function.Supplier<Object> {
        @Override
        public Object get() {
            return switch (name) {
                case "init" -> new InitCommand();
                case "revision" -> new RevisionCommand();
                case "upgrade" -> new UpgradeCommand();
                case "downgrade" -> new DowngradeCommand();
                case "current" -> new CurrentCommand();
                case "history" -> new HistoryCommand();
                case "heads" -> new HeadsCommand();
                case "branches" -> new BranchesCommand();
                case "show" -> new ShowCommand();
                case "stamp" -> new StampCommand();
                case "baseline" -> new BaselineCommand();
                case "import" -> new ImportCommand();
                case "merge" -> new MergeCommand();
                case "check" -> new CheckCommand();
                case "verify" -> new dev.strata.cli.commands.VerifyCommand();
                case "lint" -> new LintCommand();
                case "diff" -> new DiffCommand();
                case "diagram" -> new DiagramCommand();
                case "report" -> new ReportCommand();
                case "stairway" -> new StairwayCommand();
                case "repair" -> new RepairCommand();
                case "dev" -> new DevCommand();
                case "preflight" -> new dev.strata.cli.commands.PreflightCommand();
                case "backup" -> new dev.strata.cli.commands.BackupCommand();
                case "restore" -> new dev.strata.cli.commands.RestoreCommand();
                case "seed" -> new dev.strata.cli.commands.SeedCommand();
                default -> throw new IllegalArgumentException("no command " + name);
            };
        }
    }

    @Mixin
    public GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    final Map<String, String> env;
    final Path workingDir;

    public StrataCommand(Map<String, String> env, Path workingDir) {
        this.env = env;
        this.workingDir = workingDir;
    }

    /** The environment variables this invocation sees. */
    public Map<String, String> environment() {
        return env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
