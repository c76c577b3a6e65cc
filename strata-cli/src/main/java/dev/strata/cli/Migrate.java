package dev.strata.cli;

import dev.strata.engine.Runs;
import dev.strata.engine.report.RunReports;
import dev.strata.graph.Direction;
import dev.strata.graph.Step;

import java.time.Duration;
import java.util.List;

/** Shared by upgrade and downgrade: the engine's run, online or offline, rendered on the console. */
public final class Migrate {
    private Migrate() {
    }

    public static int run(Session s, Direction direction, String arg, boolean sql, Duration lockWait, boolean resume) {
        return run(s, direction, arg, sql, lockWait, resume, false);
    }

    public static int run(Session s, Direction direction, String arg, boolean sql, Duration lockWait, boolean resume,
                          boolean ignoreUnknown) {
        Console console = s.console();
        if (sql) {
            console.raw(Runs.offline(s.workspace(), direction, arg, resume, t -> new RunPrinter(console, t)));
            return ExitCode.OK;
        }
        List<Step> steps = Runs.online(s.workspace(), direction, arg, new Runs.Options(lockWait, resume, ignoreUnknown),
                new RunPrinter(console, null));
        if (console.json()) {
            console.json(RunReports.Steps.of(steps));
        }
        return ExitCode.OK;
    }
}
