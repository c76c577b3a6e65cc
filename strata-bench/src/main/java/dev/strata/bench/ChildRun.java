package dev.strata.bench;

import java.util.Objects;

/**
 * One finished child process: its own report plus the wall time the parent saw from starting the
 * process to its exit (JVM start and shutdown included), and the CPU time it used (user + system, all its
 * threads and children, as GNU time reports it; -1 when unknown), which a machine busy with other work
 * disturbs less than the wall time.
 */
public record ChildRun(ChildReport report, double processMillis, double cpuSeconds) {

    public ChildRun {
        Objects.requireNonNull(report, "report");
        if (processMillis < 0) {
            throw new IllegalArgumentException("processMillis must not be negative");
        }
    }
}
