package dev.strata.bench;

import java.util.Objects;

/**
 * One finished child process: its own report plus the wall time the parent saw from starting the
 * process to its exit (JVM start and shutdown included).
 */
public record ChildRun(ChildReport report, double processMillis) {

    public ChildRun {
        Objects.requireNonNull(report, "report");
        if (processMillis < 0) {
            throw new IllegalArgumentException("processMillis must not be negative");
        }
    }
}
