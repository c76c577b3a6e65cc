/**
 * Strata's Maven goals ({@code mvn strata:upgrade}, {@code strata:check} ...), thin over the engine's
 * {@link dev.strata.engine.Strata}: settings from the POM's plugin configuration and/or {@code strata.toml}, runs
 * logged through Maven's log (the engine's SLF4J {@link dev.strata.engine.logging.RunLogger}), failures as one-line
 * build failures. No goal is bound to a lifecycle phase unless the POM binds it.
 */
package dev.strata.maven;
