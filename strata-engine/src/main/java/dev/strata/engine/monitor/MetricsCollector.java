package dev.strata.engine.monitor;

import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;
import dev.strata.run.StepMetrics;

import java.util.ArrayList;
import java.util.List;

/** Gathers each revision's {@link StepMetrics} from a run's events. Not thread-safe: one run at a time. */
public final class MetricsCollector implements RunListener {
    private final List<StepMetrics> steps = new ArrayList<>();

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.StepMeasured m) {
            steps.add(m.metrics());
        }
    }

    /** The revisions measured so far, in order. */
    public List<StepMetrics> steps() {
        return List.copyOf(steps);
    }
}
