package dev.strata.maven;

import dev.strata.engine.Strata;
import dev.strata.engine.config.ConfigLoader;
import dev.strata.engine.config.Durations;
import dev.strata.engine.config.Settings;
import dev.strata.engine.logging.RunLogger;
import dev.strata.error.StrataException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings every goal shares and the one way they become a {@link Strata}: {@code strata.toml} (when the
 * file exists) as the CLI reads it — environment, {@code DATABASE_URL*} variables and all — and then whatever the
 * POM sets on top. Without a config file and a URL, the project's embedded PostgreSQL is used (development only).
 * Maven needs the parameters as fields of the mojo, hence this one abstract class under the goals.
 */
abstract class StrataMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** strata.toml; read when it exists. */
    @Parameter(property = "strata.config", defaultValue = "${project.basedir}/strata.toml")
    File configFile;

    /** The environment of strata.toml ([environments.NAME]); default $ENVIRONMENT, else development. */
    @Parameter(property = "strata.env")
    String environment;

    /** The database URL (JDBC or libpq form); overrides strata.toml and the DATABASE_URL variables. */
    @Parameter(property = "strata.url")
    String url;

    /** Revision locations (folders relative to the project, or classpath: ...); default strata.toml's migrations. */
    @Parameter(property = "strata.locations")
    List<String> locations;

    /** Schema of Strata's tables. */
    @Parameter(property = "strata.schema")
    String schema;

    /** Name of Strata's version table. */
    @Parameter(property = "strata.versionTable")
    String versionTable;

    /** Name of Strata's history table. */
    @Parameter(property = "strata.historyTable")
    String historyTable;

    /** How long to wait for another runner's migration lock (60s, 0 ...). */
    @Parameter(property = "strata.lockWait")
    String lockWait;

    /** lock_timeout of Strata's session (2s, 0 ...). */
    @Parameter(property = "strata.lockTimeout")
    String lockTimeout;

    /** statement_timeout of Strata's session. */
    @Parameter(property = "strata.statementTimeout")
    String statementTimeout;

    /** A server where check may create scratch databases (default: an embedded PostgreSQL). */
    @Parameter(property = "strata.devUrl")
    String devUrl;

    /** Skips the goal. */
    @Parameter(property = "strata.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Strata: skipped (strata.skip)");
            return;
        }
        try {
            run(strata());
        } catch (StrataException e) {
            throw new MojoFailureException("Strata: " + e.getMessage(), e);
        }
    }

    /** The goal's work. */
    abstract void run(Strata strata) throws MojoFailureException, MojoExecutionException;

    /** The project folder. */
    Path projectDir() {
        return basedir.toPath().toAbsolutePath().normalize();
    }

    Strata strata() {
        Path dir = projectDir();
        Settings s = ConfigLoader.resolve(new ConfigLoader.Inputs(
                configFile != null && configFile.isFile() ? Optional.of(configFile.toPath()) : Optional.empty(),
                Optional.ofNullable(environment), Optional.ofNullable(url), Optional.empty(), Optional.empty(),
                System.getenv(), dir));
        Strata.Configuration c = Strata.configure()
                .workingDir(dir)
                .listener(new RunLogger(LoggerFactory.getLogger("dev.strata")))
                .locations(s.migrationsDir().toString())
                .schema(s.tables().schema())
                .tables(s.tables().versionTable(), s.tables().historyTable())
                .lockWait(s.lockWait())
                .lockTimeout(s.lockTimeout())
                .statementTimeout(s.statementTimeout());
        if (s.url().isPresent()) {
            c.url(s.url().get());
        } else {
            c.embedded();
        }
        s.configFile().ifPresent(c::configFile);
        s.schemaDir().ifPresent(c::schemaDir);
        s.devUrl().ifPresent(c::devUrl);
        s.java().packageName().ifPresent(c::javaPackage);
        if (locations != null && !locations.isEmpty()) {
            c.locations(locations.toArray(String[]::new));
        }
        if (schema != null) {
            c.schema(schema);
        }
        if (versionTable != null || historyTable != null) {
            c.tables(versionTable != null ? versionTable : s.tables().versionTable(),
                    historyTable != null ? historyTable : s.tables().historyTable());
        }
        duration(lockWait, "lockWait").ifPresent(c::lockWait);
        duration(lockTimeout, "lockTimeout").ifPresent(c::lockTimeout);
        duration(statementTimeout, "statementTimeout").ifPresent(c::statementTimeout);
        if (devUrl != null) {
            c.devUrl(devUrl);
        }
        return c.load();
    }

    private static Optional<Duration> duration(String text, String name) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(Durations.parse(text).orElseThrow(() -> new StrataException(
                dev.strata.error.ErrorCode.CONFIG_INVALID, "<" + name + ">" + text + "</" + name + "> in the POM is"
                + " not a duration: write 500ms, 2s, 1min, 1h or 0")));
    }
}
