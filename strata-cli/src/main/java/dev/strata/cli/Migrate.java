package dev.strata.cli;

import dev.strata.engine.Runs;
import dev.strata.engine.config.MonitorConfig;
import dev.strata.engine.monitor.Alert;
import dev.strata.engine.monitor.MonitoredRun;
import dev.strata.engine.monitor.Telemetry;
import dev.strata.engine.ops.PreflightReport;
import dev.strata.engine.ops.Upgrade;
import dev.strata.engine.report.RunReports;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Direction;
import dev.strata.graph.Step;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shared by upgrade and downgrade: the engine's run, online or offline, rendered on the console. */
public final class Migrate {
    private Migrate() {
    }

    /**
     * An online upgrade with its operations (pre-checks, backup, seed data) around the watched run (metrics, spans,
     * alerts, see {@link #run(Session, Direction, String, boolean, Runs.Options, Path, Map)}): the pre-checks'
     * findings and the backup and seed progress on standard error, the steps as for any run.
     */
    public static int upgrade(Session s, String target, Runs.Options options, Upgrade.Options ops, Path metricsFile,
                              Map<String, String> env) {
        Console console = s.console();
        MonitoredRun.Outcome[] watched = new MonitoredRun.Outcome[1];
        Upgrade.Outcome o;
        try (Telemetry telemetry = Telemetry.fromEnvironment(env)) {
            MonitoredRun.Monitoring monitoring = monitoring(s, metricsFile, env, telemetry);
            try {
                o = Upgrade.run(s.workspace(), target, options, ops, () -> {
                    watched[0] = MonitoredRun.online(s.workspace(), Direction.UP, target, options,
                            new RunPrinter(console, null), monitoring);
                    if (watched[0].failure() != null) {
                        throw watched[0].failure(); // no seed data after a failed run
                    }
                    return watched[0].steps();
                });
            } catch (StrataException e) {
                if (watched[0] != null && watched[0].failure() == e) {
                    return finish(console, watched[0]);
                }
                throw e;
            }
        }
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
        if (watched[0] == null) {
            return steps(console, o.steps());
        }
        return finish(console, watched[0]);
    }

    /** Runs online with {@code options}, or with {@code sql} prints the offline SQL of the range {@code arg}. */
    public static int run(Session s, Direction direction, String arg, boolean sql, Runs.Options options) {
        return run(s, direction, arg, sql, options, null, Map.of());
    }

    /**
     * As above; online, the run is watched: {@code metricsFile} (else {@code [metrics] file}) receives the Prometheus
     * text file, the {@code OTEL_*} variables of {@code env} may send spans, and the {@code [alerts]} conditions give
     * exit status {@link ExitCode#ALERT} when met (also when the run failed: the error is printed as usual).
     */
    public static int run(Session s, Direction direction, String arg, boolean sql, Runs.Options options,
                          Path metricsFile, Map<String, String> env) {
        Console console = s.console();
        if (sql) {
            console.raw(Runs.offline(s.workspace(), direction, arg, options.resume(), options.cascade(),
                    t -> new RunPrinter(console, t)));
            return ExitCode.OK;
        }
        MonitoredRun.Outcome outcome;
        try (Telemetry telemetry = Telemetry.fromEnvironment(env)) {
            outcome = MonitoredRun.online(s.workspace(), direction, arg, options, new RunPrinter(console, null),
                    monitoring(s, metricsFile, env, telemetry));
        }
        return finish(console, outcome);
    }

    private static MonitoredRun.Monitoring monitoring(Session s, Path metricsFile, Map<String, String> env,
                                                      Telemetry telemetry) {
        MonitorConfig.Monitor configured = MonitorConfig.read(s.settings(), env);
        Optional<Path> file = metricsFile != null ? Optional.of(s.workingDir().resolve(metricsFile))
                : configured.metricsFile();
        return new MonitoredRun.Monitoring(file, configured.alerts(), telemetry);
    }

    /** The alerts of a watched run, its failure (thrown), else its steps; the exit status. */
    private static int finish(Console console, MonitoredRun.Outcome outcome) {
        for (Alert a : outcome.alerts()) {
            if (console.json()) {
                console.event(new AlertEvent("alert", a.condition(), a.revision(), a.message()));
            } else {
                console.warn("alert (" + a.condition() + "): " + a.message());
            }
        }
        outcome.delivery().filter(d -> !d.delivered())
                .ifPresent(d -> console.warn("could not send the alert to the webhook: " + d.problem()));
        if (outcome.failure() != null) {
            if (!outcome.alerts().isEmpty()) {
                throw new AlertRaised(outcome.failure());
            }
            throw outcome.failure();
        }
        steps(console, outcome.steps());
        return outcome.alerts().isEmpty() ? ExitCode.OK : ExitCode.ALERT;
    }

    private static int steps(Console console, List<Step> steps) {
        if (console.json()) {
            console.json(RunReports.Steps.of(steps));
        }
        return ExitCode.OK;
    }

    /** An alert line under --json (see docs/json-schema/event.schema.json). */
    record AlertEvent(String event, String condition, String revision, String message) {
    }

    /** A failed run that also met an alert condition: printed as its failure, with exit status {@link ExitCode#ALERT}. */
    static final class AlertRaised extends RuntimeException {
        final dev.strata.error.StrataException failure;

        AlertRaised(dev.strata.error.StrataException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }
    }
}
