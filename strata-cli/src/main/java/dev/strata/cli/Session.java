package dev.strata.cli;

import dev.strata.cli.config.ConfigLoader;
import dev.strata.cli.config.Settings;
import dev.strata.embedded.EmbeddedServer;
import dev.strata.java.JavaMigrationLoader;
import dev.strata.postgres.JdbcTarget;
import dev.strata.postgres.PgConnections;
import dev.strata.postgres.PgUrl;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunOptions;
import dev.strata.script.MigrationScript;
import dev.strata.script.ScriptLoader;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one command invocation works with: settings resolved once, the revisions loaded once, the
 * console, and the database connection (the configured URL, else the embedded PostgreSQL).
 */
public final class Session implements AutoCloseable {
    private final StrataCommand root;
    private final Console console;
    private Settings settings;
    private MigrationSet migrations;
    private EmbeddedServer embedded;
    private JdbcTarget target;
    private URLClassLoader javaLoader;

    public Session(StrataCommand root, CommandSpec spec) {
        this.root = root;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        this.console = new Console(out, err, root.global.json, root.global.quiet, root.global.verbose);
    }

    public Console console() {
        return console;
    }

    public GlobalOptions global() {
        return root.global;
    }

    public Path workingDir() {
        return root.workingDir;
    }

    public Settings settings() {
        if (settings == null) {
            GlobalOptions g = root.global;
            settings = ConfigLoader.resolve(new ConfigLoader.Inputs(Optional.ofNullable(g.config),
                    Optional.ofNullable(g.env), Optional.ofNullable(g.url), Optional.ofNullable(g.dir),
                    Optional.ofNullable(g.name), root.env, workingDir()));
        }
        return settings;
    }

    /**
     * Loads and validates every revision: the SQL files of the migrations folder and, when
     * {@code java_package} is set, the Java revisions on {@code java_classpath}, as one set (graph errors and
     * ids used by both kinds surface here). A project with Java revisions may have no migrations folder.
     */
    public MigrationSet migrations() {
        if (migrations == null) {
            Settings s = settings();
            List<MigrationScript> scripts = new ArrayList<>();
            if (!s.java().enabled() || Files.exists(s.migrationsDir())) {
                scripts.addAll(ScriptLoader.load(s.migrationsDir(), workingDir()));
            }
            if (s.java().enabled()) {
                javaLoader = JavaClassPath.open(s, workingDir());
                scripts.addAll(JavaMigrationLoader.load(javaLoader, s.java().packageName().orElseThrow()));
            }
            migrations = MigrationSet.of(scripts);
        }
        return migrations;
    }

    public RunOptions runOptions(Duration lockWait, boolean resume) {
        return new RunOptions(lockWait == null ? settings().lockWait() : lockWait, Version.get(), resume);
    }

    /** Connects to the database: the resolved URL, else the project's embedded PostgreSQL. */
    public JdbcTarget target() {
        if (target == null) {
            Settings s = settings();
            Connection c;
            if (s.url().isPresent()) {
                PgUrl url = PgUrl.parse(s.url().get());
                console.debug("database: " + url.redacted() + " (from " + s.urlSource() + ")");
                c = PgConnections.open(url, "strata");
            } else {
                embedded = EmbeddedServer.attachOrStart(s.projectDir());
                console.info("using the embedded PostgreSQL in .strata/ (no database URL configured)");
                c = PgConnections.open(PgUrl.parse(embedded.jdbcUrl()), "strata");
            }
            target = new JdbcTarget(c, s.tables(), Version.get()).withSessionSettings(s.lockTimeout(), s.statementTimeout())
                    .withIndexProgress(this::openConnection, java.time.Duration.ofSeconds(1));
        }
        return target;
    }

    /**
     * A new connection to the same database as {@link #target()} (starting the embedded PostgreSQL if that
     * is the database), for reading its schema; the caller closes it.
     */
    public Connection openConnection() {
        target();
        Settings s = settings();
        return PgConnections.open(PgUrl.parse(s.url().isPresent() ? s.url().get() : embedded.jdbcUrl()), "strata");
    }

    @Override
    public void close() {
        try {
            if (target != null) {
                target.close();
            }
        } finally {
            try {
                if (embedded != null) {
                    embedded.close();
                }
            } finally {
                JavaClassPath.close(javaLoader);
            }
        }
    }
}
