package dev.strata.cli;

import dev.strata.engine.Runs;
import dev.strata.engine.config.MonitorConfig;
import dev.strata.engine.monitor.Alert;
import dev.strata.engine.monitor.MonitoredRun;
import dev.strata.engine.monitor.Telemetry;
import dev.strata.engine.report.RunReports;
import dev.strata.graph.Direction;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Shared by upgrade and downgrade: the engine's run, online or offline, rendered on the console. */
public final class Migrate {
    private Migrate() {
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
        MonitorConfig.Monitor configured = MonitorConfig.read(s.settings(), env);
        Optional<Path> file = metricsFile != null ? Optional.of(s.workingDir().resolve(metricsFile))
                : configured.metricsFile();
        MonitoredRun.Outcome outcome;
        try (Telemetry telemetry = Telemetry.fromEnvironment(env)) {
            outcome = MonitoredRun.online(s.workspace(), direction, arg, options, new RunPrinter(console, null),
                    new MonitoredRun.Monitoring(file, configured.alerts(), telemetry));
        }
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
        if (console.json()) {
            console.json(RunReports.Steps.of(outcome.steps()));
        }
        return outcome.alerts().isEmpty() ? ExitCode.OK : ExitCode.ALERT;
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
