package dev.strata.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** Options every command takes, before or after the command name. */
public final class GlobalOptions {
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: strata.toml in the working directory).")
    Path config;

    @Option(names = "--env", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Environment (default: $ENVIRONMENT, else development); selects DATABASE_URL_{NAME} and [environments.NAME].")
    String env;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Database URL: jdbc:postgresql://host/db or postgresql://user:pass@host/db. Overrides everything else.")
    String url;

    @Option(names = "--dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The migrations folder (default: from strata.toml, else migrations).")
    Path dir;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "A named database from the [databases.NAME] section of the configuration.")
    String name;

    @Option(names = "--wait-for-db", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            converter = dev.strata.cli.commands.DurationConverter.class,
            description = "Keep retrying the connection (backoff with jitter) while the database is not up yet,"
                    + " for up to DURATION, e.g. 60s (default: wait_for_db in strata.toml, else try once).")
    java.time.Duration waitForDb;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only errors and requested data.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "More detail; stack traces on errors.")
    boolean verbose;
}
