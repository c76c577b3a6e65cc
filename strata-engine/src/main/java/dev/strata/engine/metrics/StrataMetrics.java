package dev.strata.engine.metrics;

import dev.strata.engine.Status;
import dev.strata.graph.Direction;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Strata's meters: a {@link RunListener} that counts what runs do and a {@link MeterBinder} that shows it.
 * <ul>
 *   <li>{@code strata.run.duration} (timer, tag {@code direction} = upgrade | downgrade): runs that applied at
 *       least one revision, and how long they took</li>
 *   <li>{@code strata.revisions.applied} (counter, tag {@code direction}): revisions applied (upgrade) or
 *       reverted (downgrade)</li>
 *   <li>{@code strata.revisions.failed} (counter): revisions whose statements failed</li>
 *   <li>{@code strata.revisions.pending} (gauge): revisions not applied yet, as of the last {@link #update(Status)}
 *       (NaN until a status was read)</li>
 * </ul>
 * The meters read counters kept here, so events that arrive before {@link #bindTo} (a migration at application
 * start-up, before the registry exists) are not lost. Thread-safe; one instance may be bound to several registries.
 */
public final class StrataMetrics implements MeterBinder, RunListener {
    private final Tags tags;
    private final AtomicLong upRuns = new AtomicLong();
    private final AtomicLong upMillis = new AtomicLong();
    private final AtomicLong downRuns = new AtomicLong();
    private final AtomicLong downMillis = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong reverted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong(-1);

    /** Meters without extra tags. */
    public StrataMetrics() {
        this(Tags.empty());
    }

    /** Meters with {@code tags} added to each (say, which database). */
    public StrataMetrics(Iterable<Tag> tags) {
        this.tags = Tags.of(tags);
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.StepFinished e) {
            (e.step().direction() == Direction.UP ? applied : reverted).incrementAndGet();
        } else if (event instanceof RunEvent.StepFailed) {
            failed.incrementAndGet();
        } else if (event instanceof RunEvent.RunFinished e) {
            if (e.direction() == Direction.UP) {
                upRuns.incrementAndGet();
                upMillis.addAndGet(e.millis());
            } else {
                downRuns.incrementAndGet();
                downMillis.addAndGet(e.millis());
            }
        }
    }

    /** Takes the number of pending revisions from a freshly read status. */
    public void update(Status status) {
        pending.set(status.pending().size());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        timer(registry, "upgrade", upRuns, upMillis);
        timer(registry, "downgrade", downRuns, downMillis);
        counter(registry, "upgrade", applied);
        counter(registry, "downgrade", reverted);
        FunctionCounter.builder("strata.revisions.failed", failed, AtomicLong::doubleValue)
                .description("Revisions whose statements failed").tags(tags).register(registry);
        Gauge.builder("strata.revisions.pending", pending, p -> p.get() < 0 ? Double.NaN : p.get())
                .description("Revisions not applied to the database yet").tags(tags).strongReference(true)
                .register(registry);
    }

    private void timer(MeterRegistry registry, String direction, AtomicLong runs, AtomicLong millis) {
        FunctionTimer.builder("strata.run.duration", this, m -> runs.get(), m -> millis.get(), TimeUnit.MILLISECONDS)
                .description("Strata runs that applied revisions, and how long they took")
                .tags(tags).tag("direction", direction).register(registry);
    }

    private void counter(MeterRegistry registry, String direction, AtomicLong count) {
        FunctionCounter.builder("strata.revisions.applied", count, AtomicLong::doubleValue)
                .description("Revisions applied (upgrade) or reverted (downgrade)")
                .tags(tags).tag("direction", direction).register(registry);
    }
}
