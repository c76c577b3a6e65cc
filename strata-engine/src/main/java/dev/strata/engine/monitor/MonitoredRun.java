package dev.strata.engine.monitor;

import dev.strata.engine.EngineVersion;
import dev.strata.engine.Runs;
import dev.strata.engine.Workspace;
import dev.strata.engine.config.MonitorConfig;
import dev.strata.engine.config.Redaction;
import dev.strata.engine.config.Settings;
import dev.strata.error.StrataException;
import dev.strata.graph.Direction;
import dev.strata.graph.Step;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An online upgrade or downgrade with its monitoring: the run's {@link RunMetrics} gathered from its events, spans
 * sent to OpenTelemetry, the Prometheus text file written, the alert conditions checked and, when some are met and a
 * webhook is configured, the alert document POSTed. All of that happens whether the run succeeds or fails; a
 * failure is handed back in the {@link Outcome}, not thrown, so the caller decides what it means.
 */
public final class MonitoredRun {
    private MonitoredRun() {
    }

    /**
     * How a run is watched.
     *
     * @param metricsFile where to write the Prometheus text file, if anywhere
     * @param alerts      the alert conditions and the webhook
     * @param telemetry   where spans go
     */
    public record Monitoring(Optional<Path> metricsFile, MonitorConfig.Alerts alerts, Telemetry telemetry) {
        public static final Monitoring NONE = new Monitoring(Optional.empty(), MonitorConfig.Alerts.NONE, Telemetry.NONE);

        public Monitoring {
            Objects.requireNonNull(metricsFile, "metricsFile");
            Objects.requireNonNull(alerts, "alerts");
            Objects.requireNonNull(telemetry, "telemetry");
        }
    }

    /**
     * What a watched run did.
     *
     * @param steps       the steps that ran (empty when it failed or had nothing to do)
     * @param metrics     what it measured
     * @param alerts      the alert conditions it met
     * @param delivery    what happened to the webhook POST, when one was made
     * @param metricsFile the Prometheus text file written, if any
     * @param failure     the run's failure, or null when it succeeded
     */
    public record Outcome(List<Step> steps, RunMetrics metrics, List<Alert> alerts, Optional<Webhook.Delivery> delivery,
                         Optional<Path> metricsFile, StrataException failure) {
        public Outcome {
            steps = List.copyOf(steps);
            alerts = List.copyOf(alerts);
        }
    }

    /** Runs online as {@link Runs#online} does, watched as {@code monitoring} says. */
    public static Outcome online(Workspace w, Direction direction, String target, Runs.Options options,
                                 RunListener listener, Monitoring monitoring) {
        Settings settings = w.settings();
        String database = settings.database().orElse("default");
        MetricsCollector collector = new MetricsCollector();
        RunTracer tracer = monitoring.telemetry().enabled()
                ? new RunTracer(monitoring.telemetry().openTelemetry(), target, settings.environment(), database) : null;
        RunListener all = event -> {
            collector.on(event);
            if (tracer != null) {
                tracer.on(event);
            }
            listener.on(event);
        };
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<Step> steps = List.of();
        StrataException failure = null;
        boolean[] nothing = {false};
        try {
            steps = Runs.online(w, direction, target, options, event -> {
                if (event instanceof RunEvent.NothingToDo) {
                    nothing[0] = true;
                }
                all.on(event);
            });
        } catch (StrataException e) {
            failure = e;
        } finally {
            if (tracer != null) {
                tracer.close(null);
            }
        }
        String status = failure != null ? "failed" : nothing[0] && steps.isEmpty() ? "nothing" : "ok";
        RunMetrics metrics = new RunMetrics(direction == Direction.UP ? "upgrade" : "downgrade", target,
                settings.environment(), database, started, (System.nanoTime() - t0) / 1_000_000, status,
                failure == null ? null : Redaction.redact(failure.getMessage()),
                failure == null ? null : failure.code().name(), collector.steps());
        List<Alert> alerts = AlertRules.evaluate(metrics, monitoring.alerts());
        Optional<Path> written = Optional.empty();
        if (monitoring.metricsFile().isPresent()) {
            PrometheusTextfile.write(monitoring.metricsFile().get(), PrometheusTextfile.render(metrics, alerts.size()));
            written = monitoring.metricsFile();
        }
        Optional<Webhook.Delivery> delivery = Optional.empty();
        if (!alerts.isEmpty() && monitoring.alerts().webhook().isPresent()) {
            delivery = Optional.of(Webhook.post(monitoring.alerts().webhook().get(),
                    monitoring.alerts().webhookTimeout(), AlertDocument.of(metrics, alerts, EngineVersion.get())));
        }
        return new Outcome(steps, metrics, alerts, delivery, written, failure);
    }
}
