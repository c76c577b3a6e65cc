package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.ops.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code strata seed}: load the environment's seed data now. */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"Load the environment's new and changed seed data files.",
                "The SQL and CSV files of the seed folder ([seeds] folder, default seeds/) and of its subfolder named after the environment, in file-name order.",
                "A file loads once per content: it is recorded in the history table with its checksum and loads again"
                        + " only when it changed. CSV files (TABLE.csv) are upserted by the table's primary key.",
                "Seeding is on for development and test, off elsewhere unless seed = true in [environments.NAME]."})
public final class SeedCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            Seeds.Report r = Seeds.load(s.workspace());
            if (s.console().json()) {
                s.console().json(r);
            } else if (r.files().isEmpty()) {
                s.console().info("No seed files in " + r.folder() + " for environment " + r.environment() + ".");
            } else {
                for (Seeds.SeedFile f : r.files()) {
                    s.console().line(String.format(java.util.Locale.ROOT, "%-9s  %s%s", f.status(), f.file(),
                            f.status().equals("loaded") ? " (" + f.rows() + (f.file().endsWith(".csv") ? " rows, "
                                    : " statements, ") + f.millis() + " ms)" : ""));
                }
            }
            return ExitCode.OK;
        }
    }
}
