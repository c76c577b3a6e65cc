package dev.strata.spring;

import dev.strata.engine.Strata;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Actuator side: the {@code strata} endpoint and the {@code strata} health contributor, whose API is
 * {@code org.springframework.boot.actuate.health} on Boot 3 and {@code org.springframework.boot.health.contributor}
 * (module spring-boot-health) on Boot 4; the one present is used. {@code management.health.strata.enabled=false}
 * turns the health contributor off.
 */
@AutoConfiguration(after = StrataAutoConfiguration.class)
@ConditionalOnBean(Strata.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public class StrataActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public StrataEndpoint strataEndpoint(Strata strata, ObjectProvider<StatusListener> statusListeners) {
        return new StrataEndpoint(strata, statusListeners.orderedStream().toList());
    }

    /** Boot 3's health API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnProperty(prefix = "management.health.strata", name = "enabled", matchIfMissing = true)
    static class Boot3Health {
        @Bean
        @ConditionalOnMissingBean(name = "strataHealthIndicator")
        Boot3StrataHealthIndicator strataHealthIndicator(Strata strata,
                                                         ObjectProvider<StatusListener> statusListeners) {
            return new Boot3StrataHealthIndicator(new StrataHealth(strata, statusListeners.orderedStream().toList()));
        }
    }

    /** Boot 4's health API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(prefix = "management.health.strata", name = "enabled", matchIfMissing = true)
    static class Boot4Health {
        @Bean
        @ConditionalOnMissingBean(name = "strataHealthIndicator")
        Boot4StrataHealthIndicator strataHealthIndicator(Strata strata,
                                                         ObjectProvider<StatusListener> statusListeners) {
            return new Boot4StrataHealthIndicator(new StrataHealth(strata, statusListeners.orderedStream().toList()));
        }
    }
}
