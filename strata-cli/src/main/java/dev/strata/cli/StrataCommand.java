package dev.strata.cli;

import dev.strata.cli.commands.BranchesCommand;
import dev.strata.cli.commands.CheckCommand;
import dev.strata.cli.commands.CurrentCommand;
import dev.strata.cli.commands.DevCommand;
import dev.strata.cli.commands.DowngradeCommand;
import dev.strata.cli.commands.HeadsCommand;
import dev.strata.cli.commands.HistoryCommand;
import dev.strata.cli.commands.InitCommand;
import dev.strata.cli.commands.MergeCommand;
import dev.strata.cli.commands.RepairCommand;
import dev.strata.cli.commands.RevisionCommand;
import dev.strata.cli.commands.ShowCommand;
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
        subcommands = {InitCommand.class, RevisionCommand.class, UpgradeCommand.class, DowngradeCommand.class,
                CurrentCommand.class, HistoryCommand.class, HeadsCommand.class, BranchesCommand.class,
                ShowCommand.class, StampCommand.class, MergeCommand.class, CheckCommand.class,
                RepairCommand.class, DevCommand.class},
        footer = {"", "Exit status: 0 ok, 1 a run failed, 2 bad usage or input, 3 check found pending revisions.",
                "Run `strata COMMAND --help` for a command's options."})
public final class StrataCommand implements Runnable {
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
