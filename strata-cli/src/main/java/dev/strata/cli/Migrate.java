package dev.strata.cli;

import dev.strata.engine.Runs;
import dev.strata.engine.report.RunReports;
import dev.strata.graph.Direction;
import dev.strata.graph.Step;

import java.util.List;

/** Shared by upgrade and downgrade: the engine's run, online or offline, rendered on the console. */
public final class Migrate {
    private Migrate() {
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
