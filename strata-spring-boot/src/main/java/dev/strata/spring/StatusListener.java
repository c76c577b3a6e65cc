package dev.strata.spring;

import dev.strata.engine.Status;

/**
 * Told each status the starter reads (after the start-up run, on each health check and endpoint call); the
 * Micrometer meters take their pending gauge from it. A bean of this type is told too.
 */
@FunctionalInterface
public interface StatusListener {
    void update(Status status);
}
