/**
 * Strata in a Spring Boot application (Boot 3.5 and 4): the auto-configuration upgrades the database to
 * {@code strata.target} on start-up, before JPA, JdbcTemplate and every other bean that depends on the schema
 * (Boot's database-initialisation ordering, as for Flyway), or only validates it; an Actuator endpoint
 * ({@code /actuator/strata}), a health contributor and Micrometer meters show the state. Everything is done by
 * the engine ({@link dev.strata.engine.Strata}); this package only wires it to Boot.
 */
package dev.strata.spring;
