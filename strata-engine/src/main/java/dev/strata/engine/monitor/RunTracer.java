package dev.strata.engine.monitor;

import dev.strata.engine.EngineVersion;
import dev.strata.graph.Direction;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;
import dev.strata.run.StepMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * OpenTelemetry spans from a run's events: one span per run ({@code strata upgrade} / {@code strata downgrade}) and,
 * inside it, one per revision ({@code strata revision}) carrying the revision's measurements as attributes. A failed
 * revision's span and the run's span end with status ERROR. Not thread-safe: one run at a time.
 *
 * <p>Attributes of the run span: {@code strata.direction}, {@code strata.target}, {@code strata.environment},
 * {@code strata.database}, {@code strata.revisions} (steps planned), {@code db.system.name} ({@code postgresql}).
 * Of a revision span: {@code strata.revision}, {@code strata.direction}, {@code strata.status},
 * {@code strata.rows_affected}, {@code strata.lock_wait_ms}, {@code strata.lock_retries},
 * {@code strata.index_build_ms}, {@code strata.backfill_rows}, {@code strata.verify.passed} (when it has verify
 * statements), {@code strata.relations} (the relations measured).
 */
public final class RunTracer implements RunListener {
    private final Tracer tracer;
    private final String target;
    private final String environment;
    private final String database;
    private Span run;
    private Span step;

    public RunTracer(OpenTelemetry otel, String target, String environment, String database) {
        this.tracer = otel.getTracer("dev.strata", EngineVersion.get());
        this.target = target;
        this.environment = environment;
        this.database = database;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            String verb = s.direction() == Direction.UP ? "upgrade" : "downgrade";
            run = tracer.spanBuilder("strata " + verb).setSpanKind(SpanKind.INTERNAL).setNoParent()
                    .setAttribute("strata.direction", verb)
                    .setAttribute("strata.target", target)
                    .setAttribute("strata.environment", environment)
                    .setAttribute("strata.database", database)
                    .setAttribute("strata.revisions", (long) s.steps().size())
                    .setAttribute("db.system.name", "postgresql")
                    .startSpan();
        } else if (event instanceof RunEvent.StepStarted s && run != null) {
            step = tracer.spanBuilder("strata revision").setParent(Context.current().with(run))
                    .setAttribute("strata.revision", s.step().id().value())
                    .setAttribute("strata.direction", s.step().direction() == Direction.UP ? "upgrade" : "downgrade")
                    .setAttribute("strata.message", s.step().revision().message())
                    .startSpan();
        } else if (event instanceof RunEvent.StepMeasured m && step != null) {
            StepMetrics x = m.metrics();
            step.setAttribute("strata.status", x.status());
            step.setAttribute("strata.rows_affected", x.rowsAffected());
            step.setAttribute("strata.lock_wait_ms", x.lockWaitMs());
            step.setAttribute("strata.lock_retries", (long) x.lockRetries());
            step.setAttribute("strata.index_build_ms", x.indexBuildMs());
            step.setAttribute("strata.backfill_rows", x.backfillRows());
            step.setAttribute("strata.relations", (long) x.relations().size());
            if (x.verify() != null) {
                step.setAttribute("strata.verify.passed", x.verify().passed());
            }
        } else if (event instanceof RunEvent.StepFinished && step != null) {
            step.end();
            step = null;
        } else if (event instanceof RunEvent.StepFailed f && step != null) {
            step.setStatus(StatusCode.ERROR, f.error());
            step.end();
            step = null;
            run.setStatus(StatusCode.ERROR, "revision " + f.step().id() + " failed");
            run.end();
            run = null;
        } else if (event instanceof RunEvent.RunFinished && run != null) {
            run.end();
            run = null;
        }
    }

    /** Ends what is still open (a run stopped by an error between revisions), with status ERROR. */
    public void close(String error) {
        if (step != null) {
            step.setStatus(StatusCode.ERROR, error == null ? "stopped" : error);
            step.end();
            step = null;
        }
        if (run != null) {
            run.setStatus(StatusCode.ERROR, error == null ? "stopped" : error);
            run.end();
            run = null;
        }
    }
}
