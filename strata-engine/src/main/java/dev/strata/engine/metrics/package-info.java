/**
 * Micrometer meters for Strata runs, fed by the engine's run events and status, for any application that
 * embeds the engine (the Spring Boot starter registers them as a {@code MeterBinder} bean). micrometer-core is
 * an optional dependency of strata-engine: an application that uses this package brings it.
 */
package dev.strata.engine.metrics;
