package dev.strata.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The health contributor {@code strata} on Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
public class Boot3StrataHealthIndicator implements HealthIndicator {
    private final StrataHealth health;

    Boot3StrataHealthIndicator(StrataHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        StrataHealth.Verdict v = health.check();
        return (v.up() ? Health.up() : Health.down()).withDetails(v.details()).build();
    }
}
