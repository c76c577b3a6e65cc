package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.OpsPrinter;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.ops.Preflight;
import dev.strata.engine.ops.PreflightReport;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code strata preflight [TARGET]}: the pre-checks upgrade runs first, alone. */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Run the pre-checks of an upgrade to TARGET (upgrade runs them first); change nothing.",
                "Checks: connection, server version, required extensions ([preflight] extensions and the pending revisions'"
                        + " CREATE EXTENSION), the database's revisions and checksums, free disk space against what"
                        + " the pending revisions need, sessions holding locks the pending DDL needs or long"
                        + " transactions, and the migration lock.",
                "Each check is ok, warn or fail; exit status 1 when one fails."})
public final class PreflightCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", defaultValue = "head",
            description = "The upgrade target to check for (default: ${DEFAULT-VALUE}).")
    String target;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            PreflightReport r = Preflight.run(s.workspace(), target);
            if (s.console().json()) {
                s.console().json(r);
            } else {
                OpsPrinter.preflight(r, s.console()::line);
            }
            if (r.failed()) {
                throw new StrataException(ErrorCode.PREFLIGHT_FAILED, "preflight failed: " + r.failures());
            }
            return ExitCode.OK;
        }
    }
}
