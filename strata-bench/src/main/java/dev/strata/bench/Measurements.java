package dev.strata.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects child runs per tool and phase during a benchmark, and which tools failed. */
final class Measurements {

    private final Map<Tool, Map<Phase, List<ChildRun>>> runs = new EnumMap<>(Tool.class);
    private final Map<Tool, String> failures = new EnumMap<>(Tool.class);

    void add(Tool tool, Phase phase, ChildRun run) {
        runs.computeIfAbsent(tool, t -> new EnumMap<>(Phase.class))
                .computeIfAbsent(phase, p -> new ArrayList<>())
                .add(run);
    }

    void fail(Tool tool, String message) {
        failures.putIfAbsent(tool, message);
    }

    boolean failed(Tool tool) {
        return failures.containsKey(tool);
    }

    boolean anyFailed() {
        return !failures.isEmpty();
    }

    /** Medians for {@code tool} in {@code phase}; empty if it never ran or failed. */
    Optional<Summary> summary(Tool tool, Phase phase) {
        if (failed(tool)) {
            return Optional.empty();
        }
        List<ChildRun> list = runs.getOrDefault(tool, Map.of()).getOrDefault(phase, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(Summary.of(list));
    }
}
