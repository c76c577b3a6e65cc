package dev.strata.spring;

import dev.strata.engine.Strata;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/strata}: the applied revisions with their checksums and timings, the pending ones, and what
 * blocks an upgrade, read from the database on each call. Expose it with
 * {@code management.endpoints.web.exposure.include=health,strata}.
 */
@Endpoint(id = "strata")
public class StrataEndpoint {
    private final Strata strata;
    private final java.util.List<StatusListener> statusListeners;

    /** @param statusListeners told each status read (the meters' pending gauge) */
    public StrataEndpoint(Strata strata, java.util.List<StatusListener> statusListeners) {
        this.strata = strata;
        this.statusListeners = java.util.List.copyOf(statusListeners);
    }

    @ReadOperation
    public StrataReport revisions() {
        var status = strata.status();
        statusListeners.forEach(l -> l.update(status));
        return StrataReport.of(status);
    }
}
