package dev.strata.engine.config;

import java.time.Duration;

/** The value of every {@code strata.toml} key that is not set; {@link ConfigTemplate} shows the same. */
public final class Defaults {
    public static final String MIGRATIONS = "migrations";
    public static final String SCHEMA = "public";
    public static final String VERSION_TABLE = "strata_version";
    public static final String HISTORY_TABLE = "strata_history";
    public static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration STATEMENT_TIMEOUT = Duration.ZERO;
    public static final boolean BACKUP = false;
    public static final String ENVIRONMENT = "development";
    public static final String JAVA_SOURCES = "src/main/java";

    private Defaults() {
    }
}
