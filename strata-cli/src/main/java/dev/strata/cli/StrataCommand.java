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
                "4 lint found findings at or above the failing severity.",
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
        m.put("init", InitCommand::new);
        m.put("revision", RevisionCommand::new);
        m.put("upgrade", UpgradeCommand::new);
        m.put("downgrade", DowngradeCommand::new);
        m.put("current", CurrentCommand::new);
        m.put("history", HistoryCommand::new);
        m.put("heads", HeadsCommand::new);
        m.put("branches", BranchesCommand::new);
        m.put("show", ShowCommand::new);
        m.put("stamp", StampCommand::new);
        m.put("baseline", BaselineCommand::new);
        m.put("import", ImportCommand::new);
        m.put("merge", MergeCommand::new);
        m.put("check", CheckCommand::new);
        m.put("lint", LintCommand::new);
        m.put("diff", DiffCommand::new);
        m.put("diagram", DiagramCommand::new);
        m.put("report", ReportCommand::new);
        m.put("stairway", StairwayCommand::new);
        m.put("repair", RepairCommand::new);
        m.put("dev", DevCommand::new);
        return java.util.Collections.unmodifiableMap(m);
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
