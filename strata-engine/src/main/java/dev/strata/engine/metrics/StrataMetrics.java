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
 *   <li>from each revision's measurements ({@link RunEvent.StepMeasured}): {@code strata.revision.rows} (counter,
 *       rows its statements changed), {@code strata.revision.lock.wait} (function timer: time lost to lock timeouts
 *       and the pauses before their retries), {@code strata.revision.lock.retries} (counter),
 *       {@code strata.revision.index.builds} (function timer: index builds and their time) and
 *       {@code strata.revision.backfill.rows} (counter, rows of batched backfills)</li>
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
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong lockWaits = new AtomicLong();
    private final AtomicLong lockWaitMillis = new AtomicLong();
    private final AtomicLong lockRetries = new AtomicLong();
    private final AtomicLong indexBuilds = new AtomicLong();
    private final AtomicLong indexBuildMillis = new AtomicLong();
    private final AtomicLong backfillRows = new AtomicLong();

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
        } else if (event instanceof RunEvent.StepMeasured e) {
            var m = e.metrics();
            rows.addAndGet(m.rowsAffected());
            if (m.lockRetries() > 0) {
                lockWaits.incrementAndGet();
                lockWaitMillis.addAndGet(m.lockWaitMs());
                lockRetries.addAndGet(m.lockRetries());
            }
            for (var b : m.indexBuilds()) {
                indexBuilds.incrementAndGet();
                indexBuildMillis.addAndGet(b.millis());
            }
            m.backfills().forEach(b -> backfillRows.addAndGet(b.rows()));
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
        FunctionCounter.builder("strata.revision.rows", rows, AtomicLong::doubleValue)
                .description("Rows changed by the revisions' statements").tags(tags).register(registry);
        FunctionTimer.builder("strata.revision.lock.wait", this, x -> lockWaits.get(), x -> lockWaitMillis.get(),
                        TimeUnit.MILLISECONDS)
                .description("Revisions that waited for locks (lock_timeout and retries), and the time lost")
                .tags(tags).register(registry);
        FunctionCounter.builder("strata.revision.lock.retries", lockRetries, AtomicLong::doubleValue)
                .description("Statements retried after a lock timeout").tags(tags).register(registry);
        FunctionTimer.builder("strata.revision.index.builds", this, x -> indexBuilds.get(), x -> indexBuildMillis.get(),
                        TimeUnit.MILLISECONDS)
                .description("Index builds of the revisions, and how long they took").tags(tags).register(registry);
        FunctionCounter.builder("strata.revision.backfill.rows", backfillRows, AtomicLong::doubleValue)
                .description("Rows changed by batched backfills").tags(tags).register(registry);
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
