package dev.strata.engine.config;

import java.time.Duration;

/** The value of every {@code strata.toml} key that is not set; {@link ConfigTemplate} shows the same. */
final class Defaults {
    static final String MIGRATIONS = "migrations";
    static final String SCHEMA = "public";
    static final String VERSION_TABLE = "strata_version";
    static final String HISTORY_TABLE = "strata_history";
    static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);
    static final Duration STATEMENT_TIMEOUT = Duration.ZERO;
    static final boolean BACKUP = false;
    static final String ENVIRONMENT = "development";
    static final String JAVA_SOURCES = "src/main/java";

    private Defaults() {
    }
}
