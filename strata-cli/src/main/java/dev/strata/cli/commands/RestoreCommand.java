package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.ops.Backups;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code strata restore FILE}: pg_restore a backup into the database. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a backup (a pg_dump -Fc file, e.g. from strata backup) into the database.",
                "pg_restore --clean --if-exists --single-transaction, so the dump's objects are dropped and made"
                + " again, all or nothing. Tables created after the backup are left and named.",
                "Asks for confirmation on a terminal; --yes skips the question, and without a terminal --yes is"
                        + " required."})
public final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file (relative to the working directory).")
    Path file;

    @Option(names = {"-y", "--yes"}, description = "Restore without asking.")
    boolean yes;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            Path f = s.workingDir().resolve(file).normalize();
            if (!java.nio.file.Files.isRegularFile(f)) {
                throw new StrataException(ErrorCode.USAGE, file + ": no such backup file; give a file written by"
                        + " strata backup (see strata backup --list)");
            }
            if (!yes) {
                java.io.Console terminal = System.console();
                if (terminal == null || s.console().json()) {
                    throw new StrataException(ErrorCode.USAGE, "restore replaces the database's contents and there is"
                            + " no terminal to confirm it; pass --yes to restore " + file);
                }
                String db = s.workspace().url().map(u -> u.database()).orElse("the database");
                String answer = terminal.readLine("Replace the contents of %s with %s? [y/N] ", db, file);
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                    s.console().info("Nothing restored.");
                    return ExitCode.FAILURE;
                }
            }
            Backups.Restore r = Backups.restore(s.workspace(), f);
            if (s.console().json()) {
                s.console().json(r);
            } else {
                s.console().line("Restored " + r.file() + " in " + r.millis() + " ms.");
            }
            return ExitCode.OK;
        }
    }
}
