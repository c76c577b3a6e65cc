package dev.strata.embedded;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code .strata/dev.json} says about a running dev server.
 *
 * @param pid       the dev server's JVM process; stopping it stops PostgreSQL
 * @param port      the PostgreSQL port on localhost
 * @param jdbcUrl   URL of the {@code strata} database, user postgres, no password
 * @param startedAt when the server started accepting connections
 */
public record DevServerInfo(long pid, int port, String jdbcUrl, Instant startedAt) {
    public DevServerInfo {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
