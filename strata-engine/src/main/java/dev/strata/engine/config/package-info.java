/**
 * Configuration: reads {@code strata.toml}, picks the environment and the named database, resolves the
 * database URL from flags, environment variables and the file in a documented order, and hands the CLI
 * one immutable {@link dev.strata.engine.config.Settings}. Everything here is deterministic given its
 * inputs (the environment-variable map is passed in, never read globally), and no message it produces
 * contains a password: {@link dev.strata.engine.config.Redaction} is the last line of defence for every
 * line the CLI prints.
 */
package dev.strata.engine.config;
