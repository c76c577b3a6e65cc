package dev.strata.cli;

import dev.strata.engine.Runs;
import dev.strata.engine.ops.PreflightReport;
import dev.strata.engine.ops.Upgrade;
import dev.strata.engine.report.RunReports;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Direction;
import dev.strata.graph.Step;

import java.util.List;

/** Shared by upgrade and downgrade: the engine's run, online or offline, rendered on the console. */
public final class Migrate {
    private Migrate() {
    }

    /**
     * An online upgrade with its operations (pre-checks, backup, seed data): the pre-checks' findings and the
     * backup and seed progress on standard error, the steps as today.
     */
    public static int upgrade(Session s, String target, Runs.Options options, Upgrade.Options ops) {
        Console console = s.console();
        Upgrade.Outcome o = Upgrade.run(s.workspace(), target, options, ops, new RunPrinter(console, null));
        if (o.preflight() != null && (o.refused() || console.verbose())) {
            OpsPrinter.preflight(o.preflight(), console::info);
        } else if (o.preflight() != null) {
            o.preflight().checks().stream().filter(c -> c.status().equals(PreflightReport.WARN))
                    .forEach(c -> console.warn("preflight " + c.name() + ": " + c.detail()));
        }
        if (o.refused()) {
            throw new StrataException(ErrorCode.PREFLIGHT_FAILED, "upgrade refused before running anything:"
                    + " preflight failed: " + o.preflight().failures() + "; fix it, or skip the checks with"
                    + " --skip-preflight");
        }
        if (console.json()) {
            console.json(RunReports.Steps.of(o.steps()));
        }
        return ExitCode.OK;
    }

    /** Runs online with {@code options}, or with {@code sql} prints the offline SQL of the range {@code arg}. */
    public static int run(Session s, Direction direction, String arg, boolean sql, Runs.Options options) {
        Console console = s.console();
        if (sql) {
            console.raw(Runs.offline(s.workspace(), direction, arg, options.resume(), options.cascade(),
                    t -> new RunPrinter(console, t)));
            return ExitCode.OK;
        }
        List<Step> steps = Runs.online(s.workspace(), direction, arg, options, new RunPrinter(console, null));
        if (console.json()) {
            console.json(RunReports.Steps.of(steps));
        }
        return ExitCode.OK;
    }
}
