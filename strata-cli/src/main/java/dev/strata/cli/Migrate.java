package dev.strata.cli;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Direction;
import dev.strata.graph.Step;
import dev.strata.run.DatabaseState;
import dev.strata.run.MigrationSet;
import dev.strata.run.OfflineTarget;
import dev.strata.run.RunOptions;
import dev.strata.run.Runner;
import dev.strata.run.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared by upgrade and downgrade: run online against the database, or offline as SQL text. */
public final class Migrate {
    private Migrate() {
    }

    public static int run(Session s, Direction direction, String arg, boolean sql, Duration lockWait, boolean resume) {
        return run(s, direction, arg, sql, lockWait, resume, false);
    }

    /** As above; {@code cascade} lets a downgrade revert dependents on other branches (downgrade --cascade). */
    public static int run(Session s, Direction direction, String arg, boolean sql, Duration lockWait, boolean resume,
                          boolean cascade) {
        Console console = s.console();
        if (sql) {
            MigrationSet set = s.migrations();
            Targets.Range range = Targets.range(arg);
            if (direction == Direction.DOWN && range.from() == null) {
                throw new StrataException(ErrorCode.TARGET_INVALID, "downgrade --sql needs a range FROM:TO (e.g. "
                        + "head:base or head:-1), because offline Strata cannot read where the database is");
            }
            DatabaseState from = Targets.fromState(set.graph(), range.from());
            StringBuilder out = new StringBuilder();
            OfflineTarget target = new OfflineTarget(s.settings().tables(), Version.get(), from, out);
            target.comment("Strata " + Version.get() + ": offline " + (direction == Direction.UP ? "upgrade" : "downgrade")
                    + " " + (range.from() == null ? "base" : range.from()) + ":" + range.to());
            target.comment("");
            Runner runner = new Runner(set, target, new RunOptions(Duration.ZERO, Version.get(), resume),
                    new RunPrinter(console, target));
            if (direction == Direction.UP) {
                runner.upgrade(range.to());
            } else {
                runner.downgrade(range.to(), cascade);
            }
            console.raw(out.toString());
            return ExitCode.OK;
        }
        if (arg.contains(":")) {
            throw new StrataException(ErrorCode.TARGET_INVALID, "a FROM:TO range ('" + arg
                    + "') is only for --sql; online, Strata reads FROM from the database");
        }
        // Connect while the revision files are read and parsed: the two do not depend on each other.
        s.settings();
        java.util.concurrent.CompletableFuture<Target> connecting =
                java.util.concurrent.CompletableFuture.supplyAsync(s::target);
        MigrationSet set;
        try {
            set = s.migrations();
        } catch (RuntimeException e) {
            // a bad revision file is the error to report; let the connection attempt finish (Session closes it)
            connecting.handle((t, x) -> null).join();
            throw e;
        }
        Target target = join(connecting);
        RunOptions options = s.runOptions(lockWait, resume);
        Runner runner = new Runner(set, target, options, new RunPrinter(console, null));
        List<Step> steps = direction == Direction.UP ? runner.upgrade(arg) : runner.downgrade(arg, cascade);
        if (console.json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Step step : steps) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("revision", step.id().value());
                m.put("direction", step.direction().name().toLowerCase(java.util.Locale.ROOT));
                m.put("message", step.revision().message());
                list.add(m);
            }
            console.json(Map.of("steps", list));
        }
        return ExitCode.OK;
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
