package dev.strata.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The health contributor {@code strata} on Spring Boot 4 (its spring-boot-health module). */
public class Boot4StrataHealthIndicator implements HealthIndicator {
    private final StrataHealth health;

    Boot4StrataHealthIndicator(StrataHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        StrataHealth.Verdict v = health.check();
        return (v.up() ? Health.up() : Health.down()).withDetails(v.details()).build();
    }
}
