package dev.strata.engine.config;

import dev.strata.run.StateTables;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the commands need to know about where and how to run, resolved once by
 * {@link ConfigLoader#resolve} and passed down explicitly.
 *
 * <p>Invariants: paths are absolute and normalized; durations are non-negative; {@code url} is empty
 * exactly when {@code urlSource} is {@value #EMBEDDED} (Strata then uses its embedded PostgreSQL).
 * {@code url} is the raw URL and may hold a password: never print it, print {@link #displayUrl()};
 * {@link #toString()} is redacted too.
 *
 * @param projectDir       the folder of the config file (the working directory when there is none);
 *                         the embedded PostgreSQL keeps its data under {@code .strata/} here
 * @param configFile       the config file that was read, if any
 * @param migrationsDir    the folder holding the revision files
 * @param tables           schema and names of Strata's version and history tables
 * @param url              the database URL, or empty for the embedded PostgreSQL
 * @param urlSource        where the URL came from: {@code --url}, {@code DATABASE_URL_PRODUCTION},
 *                         {@code DATABASE_URL}, {@code strata.toml [environments.production]},
 *                         {@code strata.toml [databases.replica]}, {@code strata.toml [strata]} or
 *                         {@value #EMBEDDED}
 * @param environment      the environment name ({@code development} unless chosen)
 * @param database         the named database chosen with {@code -n}, if any
 * @param lockWait         how long to wait for another runner's migration lock ({@code 0}: do not wait)
 * @param lockTimeout      the session {@code lock_timeout} for DDL ({@code 0}: none)
 * @param statementTimeout the session {@code statement_timeout} ({@code 0}: none)
 * @param backup           whether to back the database up before migrating
 * @param java             where the Java revisions are, if the project has some
 * @param schemaDir        the desired-state folder ({@code schema_dir}): SQL files describing the schema
 *                         the revisions should produce, if configured
 * @param devUrl           a server URL where scratch databases may be created ({@code dev_url}); may hold a
 *                         password, like {@code url}
 * @param waitForDb        how long to keep retrying the first connection while the database is not up yet
 *                         ({@code 0}: try once); see {@code --wait-for-db}
 */
public record Settings(Path projectDir, Optional<Path> configFile, Path migrationsDir, StateTables tables,
                       Optional<String> url, String urlSource, String environment, Optional<String> database,
                       Duration lockWait, Duration lockTimeout, Duration statementTimeout, boolean backup,
                       JavaSettings java, Optional<Path> schemaDir, Optional<String> devUrl, Duration waitForDb) {
    /** The {@link #urlSource} when no URL is configured. */
    public static final String EMBEDDED = "embedded";

    public Settings {
        projectDir = absolute(projectDir, "projectDir");
        configFile = Objects.requireNonNull(configFile, "configFile").map(p -> absolute(p, "configFile"));
        migrationsDir = absolute(migrationsDir, "migrationsDir");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(urlSource, "urlSource");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(database, "database");
        if (url.isEmpty() != urlSource.equals(EMBEDDED)) {
            throw new IllegalArgumentException("url must be empty exactly when urlSource is " + EMBEDDED);
        }
        if (url.isPresent() && url.get().isBlank()) {
            throw new IllegalArgumentException("blank url");
        }
        if (environment.isBlank()) {
            throw new IllegalArgumentException("blank environment");
        }
        nonNegative(lockWait, "lockWait");
        nonNegative(lockTimeout, "lockTimeout");
        nonNegative(statementTimeout, "statementTimeout");
        Objects.requireNonNull(java, "java");
        schemaDir = Objects.requireNonNull(schemaDir, "schemaDir").map(p -> absolute(p, "schemaDir"));
        Objects.requireNonNull(devUrl, "devUrl");
        nonNegative(waitForDb, "waitForDb");
    }

    /** Settings that try to connect once (no {@code waitForDb}). */
    public Settings(Path projectDir, Optional<Path> configFile, Path migrationsDir, StateTables tables,
                    Optional<String> url, String urlSource, String environment, Optional<String> database,
                    Duration lockWait, Duration lockTimeout, Duration statementTimeout, boolean backup,
                    JavaSettings java, Optional<Path> schemaDir, Optional<String> devUrl) {
        this(projectDir, configFile, migrationsDir, tables, url, urlSource, environment, database, lockWait, lockTimeout,
                statementTimeout, backup, java, schemaDir, devUrl, Duration.ZERO);
    }

    /** Whether Strata should run against its embedded PostgreSQL. */
    public boolean embedded() {
        return url.isEmpty();
    }

    /** The URL with any password masked, or {@code embedded}: safe to print. */
    public String displayUrl() {
        return url.map(Redaction::redact).orElse(EMBEDDED);
    }

    public Settings withUrl(Optional<String> newUrl, String newSource) {
        return new Settings(projectDir, configFile, migrationsDir, tables, newUrl, newSource, environment, database,
                lockWait, lockTimeout, statementTimeout, backup, java, schemaDir, devUrl, waitForDb);
    }

    public Settings withMigrationsDir(Path dir) {
        return new Settings(projectDir, configFile, dir, tables, url, urlSource, environment, database,
                lockWait, lockTimeout, statementTimeout, backup, java, schemaDir, devUrl, waitForDb);
    }

    public Settings withSchemaDir(Optional<Path> dir) {
        return new Settings(projectDir, configFile, migrationsDir, tables, url, urlSource, environment, database,
                lockWait, lockTimeout, statementTimeout, backup, java, dir, devUrl, waitForDb);
    }

    public Settings withDevUrl(Optional<String> value) {
        return new Settings(projectDir, configFile, migrationsDir, tables, url, urlSource, environment, database,
                lockWait, lockTimeout, statementTimeout, backup, java, schemaDir, value, waitForDb);
    }

    public Settings withWaitForDb(Duration value) {
        return new Settings(projectDir, configFile, migrationsDir, tables, url, urlSource, environment, database,
                lockWait, lockTimeout, statementTimeout, backup, java, schemaDir, devUrl, value);
    }

    @Override
    public String toString() {
        return "Settings[projectDir=" + projectDir + ", configFile=" + configFile.map(Path::toString).orElse("none")
                + ", migrationsDir=" + migrationsDir + ", tables=" + tables + ", url=" + displayUrl()
                + ", urlSource=" + urlSource + ", environment=" + environment
                + ", database=" + database.orElse("none") + ", lockWait=" + Durations.format(lockWait)
                + ", lockTimeout=" + Durations.format(lockTimeout)
                + ", statementTimeout=" + Durations.format(statementTimeout) + ", backup=" + backup + ", java=" + java
                + ", schemaDir=" + schemaDir.map(Path::toString).orElse("none")
                + ", devUrl=" + devUrl.map(Redaction::redact).orElse("none")
                + ", waitForDb=" + Durations.format(waitForDb) + "]";
    }

    private static Path absolute(Path p, String what) {
        Objects.requireNonNull(p, what);
        return p.toAbsolutePath().normalize();
    }

    private static void nonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " is negative: " + d);
        }
    }
}
