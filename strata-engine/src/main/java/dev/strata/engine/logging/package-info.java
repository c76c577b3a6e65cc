/**
 * Run events written to SLF4J, for applications and build tools that embed the engine: the Spring Boot
 * starter and the Maven plugin log a run through {@link dev.strata.engine.logging.RunLogger}. Only the SLF4J
 * API is used; the application's binding decides where the lines go.
 */
package dev.strata.engine.logging;
