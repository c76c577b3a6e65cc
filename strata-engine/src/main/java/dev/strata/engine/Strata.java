package dev.strata.engine;

import dev.strata.engine.config.Defaults;
import dev.strata.engine.config.JavaSettings;
import dev.strata.engine.config.Settings;
import dev.strata.engine.schema.RenameConfirmation;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Direction;
import dev.strata.graph.RevisionId;
import dev.strata.postgres.HistoryRow;
import dev.strata.run.RunListener;
import dev.strata.run.StateTables;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Strata as a library: the front door for applications, plugins and tests, in the spirit of Flyway's
 * {@code Flyway.configure()...load().migrate()}.
 *
 * <pre>{@code
 * Strata strata = Strata.configure()
 *         .dataSource(dataSource)
 *         .locations("classpath:db/strata")
 *         .load();
 * strata.upgrade("head");
 * Status status = strata.status();
 * }</pre>
 *
 * <p>A {@code Strata} is immutable and thread-safe: every call opens what it needs (a connection from the
 * data source or URL, the revisions) and closes it before returning. Progress goes to the configured
 * {@link RunListener}; nothing is printed. Failures are {@link StrataException}s whose {@link ErrorCode}
 * says what kind of failure it is and whose message says what to do.
 */
public final class Strata {
    private final Configuration config;

    private Strata(Configuration config) {
        this.config = config;
    }

    /** Starts a configuration with the defaults: the embedded PostgreSQL, {@code migrations/}, public.strata_*. */
    public static Configuration configure() {
        return new Configuration();
    }

    /** The engine's version, as recorded in the history table. */
    public static String version() {
        return EngineVersion.get();
    }

    /** Applies the revisions up to {@code target} ({@code head}, {@code latest}, {@code heads}, an id, {@code +1} ...). */
    public RunResult upgrade(String target) {
        return run(Direction.UP, target);
    }

    /** Reverts revisions down to {@code target} ({@code base}, an id, {@code -1} ...). */
    public RunResult downgrade(String target) {
        return run(Direction.DOWN, target);
    }

    private RunResult run(Direction direction, String target) {
        long start = System.nanoTime();
        try (Workspace w = workspace()) {
            var steps = Runs.online(w, direction, target, new Runs.Options(config.lockWait, false, config.ignoreUnknown),
                    config.listener);
            return new RunResult(steps.stream().map(s -> new RunResult.StepSummary(s.id().value(),
                    s.direction() == Direction.UP ? "upgrade" : "downgrade", s.revision().message())).toList(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Lints the revisions an upgrade to {@code target} would apply, before anything runs (the gate the CLI's
     * {@code upgrade} uses): {@link dev.strata.engine.lint.LintVerdict#refused()} is true when a finding at or above
     * the failing severity is neither suppressed in its revision nor of a rule in {@code allow} (ids or names).
     */
    public dev.strata.engine.lint.LintVerdict lint(String target, String... allow) {
        try (Workspace w = workspace()) {
            return dev.strata.engine.lint.LintGate.check(w, target, List.of(allow));
        }
    }

    /**
     * As {@link #lint(String, String...)} without a database: lints the revisions of {@code range} ({@code TO} from
     * base, or {@code FROM:TO}, e.g. {@code base:head} for every revision), as a build does.
     */
    public dev.strata.engine.lint.LintVerdict lintOffline(String range, String... allow) {
        try (Workspace w = workspace()) {
            return dev.strata.engine.lint.LintGate.checkOffline(w, range, List.of(allow));
        }
    }

    /**
     * Records {@code target} ({@code head}, {@code heads}, {@code base}, an id ...) as applied without running
     * anything, e.g. to adopt an existing database after writing a baseline revision. Returns the revision ids
     * the database is at now, sorted (empty: base).
     */
    public List<String> stamp(String target) {
        return stamp(new String[] {target});
    }

    /**
     * {@link #stamp(String)} with several targets at once, as Alembic's {@code stamp REV1 REV2}: e.g. the heads of
     * two branches; of targets on one branch the highest counts.
     */
    public List<String> stamp(String... targets) {
        try (Workspace w = workspace()) {
            return new java.util.TreeSet<>(Runs.stamp(w, List.of(targets), false, config.lockWait)).stream()
                    .map(dev.strata.graph.RevisionId::value).toList();
        }
    }

    /**
     * Marks the revisions a failure left half-applied as resolved, so the next upgrade runs them again from
     * their first statement. Returns their ids (empty when nothing needed repair).
     */
    public List<String> repair() {
        try (Workspace w = workspace()) {
            return Runs.repair(w, config.lockWait).stream().map(r -> r.failure().revision().value()).toList();
        }
    }

    /** Accepts the current content of the applied revision {@code revision}, edited on purpose. */
    public void acceptChecksum(String revision) {
        try (Workspace w = workspace()) {
            Runs.acceptChecksum(w, revision, config.lockWait);
        }
    }

    /**
     * Adopts a database that already has tables but no Strata history, as Flyway's {@code baselineOnMigrate}
     * does: records {@code revision} as applied without running it (nor anything before it), so that an upgrade
     * runs only the revisions after it. {@code revision} null means the project's first revision (its single
     * base), the usual "baseline" revision written from the existing schema. Does nothing, and returns an empty
     * list, when the database has Strata history or has no tables besides Strata's own (an empty database is
     * migrated from the start); otherwise returns the revision ids the database is at now.
     */
    public List<String> baseline(String revision) {
        try (Workspace w = workspace()) {
            Status status = StatusReader.read(w);
            if (!status.history().isEmpty() || !status.current().isEmpty()) {
                return List.of();
            }
            int tables = w.readSchema().tables().size();
            if (tables == 0) {
                return List.of();
            }
            String target = revision;
            if (target == null) {
                List<RevisionId> bases = w.migrations().graph().bases();
                if (bases.size() != 1) {
                    throw new StrataException(ErrorCode.USAGE, "cannot baseline: the revisions have " + bases.size()
                            + " bases " + bases.stream().map(RevisionId::value).toList()
                            + "; name the revision that matches the existing database");
                }
                target = bases.get(0).value();
            }
            // checked again under the lock: of several instances starting at once, one baselines
            List<String> at = new java.util.TreeSet<>(Runs.stampIfAtBase(w, target, config.lockWait)).stream()
                    .map(RevisionId::value).toList();
            if (at.isEmpty()) {
                return List.of();
            }
            w.notice(dev.strata.run.RunEvent.Notice.Level.WARNING, "baseline: the database has " + tables
                    + " table(s) and no Strata history; recorded " + target + " as applied without running it");
            return at;
        }
    }

    /**
     * Checks that the database is where this code expects it, without changing anything: nothing pending, no
     * half-applied revision, no changed applied file. For application replicas that must not migrate. Returns
     * the status; throws a {@link StrataException} ({@link ErrorCode#NOT_UP_TO_DATE}) naming what is wrong.
     */
    public Status validate() {
        Status status = status();
        List<String> problems = new ArrayList<>();
        if (!status.pending().isEmpty()) {
            problems.add(status.pending().size() + " pending revision(s) ("
                    + String.join(", ", status.pending().stream().map(Status.PendingRevision::revision).toList()) + ")");
        }
        status.needsRepair().forEach(r -> problems.add("revision " + r.revision() + " failed part way"
                + " (" + r.statementsRun() + "/" + r.statementsTotal() + " statements)"));
        status.checksumMismatches().forEach(m -> problems.add("revision " + m.revision() + " (" + m.file()
                + ") changed after it was applied"));
        if (!problems.isEmpty()) {
            throw new StrataException(ErrorCode.NOT_UP_TO_DATE, "the database is not up to date: "
                    + String.join("; ", problems) + "; apply them first (an upgrade to head) or use an instance that migrates");
        }
        return status;
    }

    /** Where the database stands: current revisions, pending, unknown applied, needs-repair, checksum mismatches. */
    public Status status() {
        try (Workspace w = workspace()) {
            return StatusReader.read(w);
        }
    }

    /** The history table, oldest first. */
    public List<HistoryRow> history() {
        try (Workspace w = workspace()) {
            return w.target().history();
        }
    }

    /**
     * {@link #status()} plus the schema comparisons: the chain head against the desired-state folder (when
     * one is configured) and the database against what its applied revisions produce, each on scratch
     * databases (of {@code devUrl}, else an embedded PostgreSQL). {@link Status#upToDate()} is the verdict.
     */
    public Status check() {
        try (Workspace w = workspace()) {
            return StatusReader.read(w, config.schemaDir, true, config.devUrl);
        }
    }

    /**
     * The migration report: current and pending revisions, the pending ones' SQL and lint findings (default
     * rules), their schema changes (on scratch databases), the history and the ER diagram. Render it with
     * {@link dev.strata.engine.report.MarkdownReport} or {@link dev.strata.engine.report.HtmlReport}.
     */
    public dev.strata.engine.report.MigrationReport report() {
        return report(ReportBuilder.Options.defaults().withLint(
                dev.strata.lint.LintOptions.DEFAULTS.withLockTimeout(config.lockTimeout)));
    }

    /** {@link #report()} with the given lint options, scratch server and history length. */
    public dev.strata.engine.report.MigrationReport report(ReportBuilder.Options options) {
        try (Workspace w = workspace()) {
            return ReportBuilder.build(w, options);
        }
    }

    /**
     * The stairway test of the configured revisions on a scratch database (of {@code devUrl}, else an embedded
     * PostgreSQL): every revision upgraded, downgraded, compared with its parent's schema, upgraded again. The
     * configured database is not touched. See {@link Stairway}.
     */
    public Stairway.Result stairway() {
        return stairway(null);
    }

    /**
     * As {@link #stairway()}, also loading {@code <fixtures>/<revision id>.sql} before each revision that has one
     * and checking its rows survive the upgrade, downgrade and second upgrade; null: no data check.
     */
    public Stairway.Result stairway(Path fixtures) {
        try (Workspace w = workspace()) {
            return Stairway.run(w, new Stairway.Options(Optional.ofNullable(config.devUrl),
                    Optional.ofNullable(fixtures).map(p -> config.workingDir.resolve(p).normalize())));
        }
    }

    /** The SQL an upgrade over {@code range} ({@code TO}, or {@code FROM:TO} as in {@code base:head}) would run. */
    public String offlineSql(String range) {
        try (Workspace w = workspace()) {
            return Runs.offline(w, Direction.UP, range, false, t -> config.listener);
        }
    }

    /**
     * Writes a new SQL revision that takes the chain head to the desired-state folder (the configured
     * {@code schemaDir}) into the single folder location; renames found on the way are put to
     * {@code renames}.
     */
    public Autogenerate.Result autogenerate(String message, RenameConfirmation renames) {
        Objects.requireNonNull(message, "message");
        Path schemaDir = config.schemaDir.orElseThrow(() -> new StrataException(ErrorCode.USAGE,
                "autogenerate needs the desired-state folder: configure schemaDir"));
        try (Workspace w = workspace()) {
            if (w.project().folder().isEmpty()) {
                throw new StrataException(ErrorCode.USAGE, "autogenerate writes into a migrations folder: configure"
                        + " exactly one folder location (not a classpath location)");
            }
            var set = w.migrations();
            if (set.graph().heads().size() > 1) {
                throw new StrataException(ErrorCode.MULTIPLE_HEADS, "there are " + set.graph().heads().size()
                        + " heads: merge them first");
            }
            RevisionId id = RevisionFiles.newId(set, null);
            return Autogenerate.run(w, new Autogenerate.Request(id, set.graph().heads(), List.of(), List.of(),
                    message, schemaDir, config.devUrl, java.util.Map.of(), false), renames);
        }
    }

    /**
     * Adopts the database: writes a first revision built from its live schema (downgrade declared
     * irreversible) into the single folder location, and stamps the database at it without running it.
     * Refused when the folder has revisions or the database has a Strata history.
     *
     * @param revisionId the id, or null for a timestamp id
     */
    public dev.strata.engine.adopt.Baseline.Result baseline(String revisionId, String message) {
        try (Workspace w = workspace()) {
            requireFolder(w, "baseline");
            return dev.strata.engine.adopt.Baseline.run(w, new dev.strata.engine.adopt.Baseline.Request(revisionId,
                    Objects.requireNonNull(message, "message"), null));
        }
    }

    /**
     * Imports another tool's migrations ({@code source}: loose SQL files, Flyway, golang-migrate, dbmate, or an
     * Alembic project rendered with {@code python3}) as revisions into the single, empty folder location; with
     * {@code stampAt} ({@code auto}, or an imported revision) the database is stamped afterwards.
     */
    public dev.strata.engine.adopt.Importer.Result importMigrations(Path source, dev.strata.engine.adopt.ImportFormat format,
                                                                   String stampAt) {
        try (Workspace w = workspace()) {
            requireFolder(w, "import");
            return dev.strata.engine.adopt.Importer.run(w, new dev.strata.engine.adopt.Importer.Request(
                    config.workingDir.resolve(source), format, "python3", stampAt));
        }
    }

    private void requireFolder(Workspace w, String what) {
        if (config.locations.size() != 1 || ClasspathScripts.isClasspath(config.locations.get(0))) {
            throw new StrataException(ErrorCode.USAGE, what + " writes into a migrations folder: configure exactly one"
                    + " folder location (not a classpath location)");
        }
    }

    private Workspace workspace() {
        return new Workspace(this::settings, config.workingDir, config.listener, connector(),
                s -> Project.at(config.locations, config.classLoader, s, config.workingDir));
    }

    private Workspace.Connector connector() {
        DataSource ds = config.dataSource;
        if (ds == null) {
            return () -> null;
        }
        return () -> {
            try {
                Connection c = ds.getConnection();
                c.setAutoCommit(true);
                return c;
            } catch (SQLException e) {
                throw new StrataException(ErrorCode.CONNECTION_FAILED, "cannot connect through the data source: "
                        + e.getMessage(), e);
            }
        };
    }

    private Settings settings() {
        Path dir = config.workingDir;
        Path migrations = config.locations.size() == 1 && !ClasspathScripts.isClasspath(config.locations.get(0))
                ? dir.resolve(config.locations.get(0).replaceFirst("^filesystem:", "")) : dir.resolve(Defaults.MIGRATIONS);
        Optional<String> url = Optional.ofNullable(config.url);
        JavaSettings java = new JavaSettings(Optional.ofNullable(config.javaPackage), List.of(),
                dir.resolve(Defaults.JAVA_SOURCES));
        return new Settings(dir, Optional.ofNullable(config.configFile), migrations, config.tables, url,
                url.isPresent() ? "Strata.configure().url" : Settings.EMBEDDED, Defaults.ENVIRONMENT, Optional.empty(),
                config.lockWait, config.lockTimeout, config.statementTimeout, false, java, config.schemaDir,
                Optional.ofNullable(config.devUrl), config.waitForDb);
    }

    /**
     * What {@link #upgrade} and {@link #downgrade} did.
     *
     * @param steps  the steps that ran, in order (empty when there was nothing to do)
     * @param millis how long the run took, connecting included
     */
    public record RunResult(List<StepSummary> steps, long millis) {
        public RunResult {
            steps = List.copyOf(steps);
        }

        /** One step of a run: the revision, {@code upgrade} or {@code downgrade}, and its message. */
        public record StepSummary(String revision, String direction, String message) {
        }
    }

    /**
     * The settings of a {@link Strata}, built fluently; {@link #load()} fixes them. Not thread-safe; each
     * setter returns this configuration.
     */
    public static final class Configuration {
        private DataSource dataSource;
        private String url;
        private List<String> locations = List.of(Defaults.MIGRATIONS);
        private ClassLoader classLoader;
        private String javaPackage;
        private StateTables tables = StateTables.DEFAULT;
        private Duration lockWait = Defaults.LOCK_WAIT;
        private Duration lockTimeout = Defaults.LOCK_TIMEOUT;
        private Duration statementTimeout = Defaults.STATEMENT_TIMEOUT;
        private RunListener listener = RunListener.NONE;
        private Path workingDir = Path.of("").toAbsolutePath();
        private Optional<Path> schemaDir = Optional.empty();
        private String devUrl;
        private boolean ignoreUnknown;
        private Duration waitForDb = Duration.ZERO;
        private Path configFile;

        private Configuration() {
        }

        /** The database, as a data source (each call takes a connection and closes it). */
        public Configuration dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            this.url = null;
            return this;
        }

        /** The database, as a URL: {@code jdbc:postgresql://host/db} or {@code postgresql://user:pass@host/db}. */
        public Configuration url(String value) {
            this.url = Objects.requireNonNull(value, "url");
            this.dataSource = null;
            return this;
        }

        /** The project's embedded PostgreSQL under {@code .strata/} of the working directory (the default). */
        public Configuration embedded() {
            this.url = null;
            this.dataSource = null;
            return this;
        }

        /**
         * Where the SQL revisions are: folders ({@code migrations}, {@code filesystem:db/strata}) and classpath
         * locations ({@code classpath:db/strata}, also inside the application's jar), merged into one set.
         */
        public Configuration locations(String... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("at least one location");
            }
            this.locations = List.of(values);
            return this;
        }

        /**
         * The class loader for classpath locations and Java revisions (default: the thread's context class
         * loader when {@link #load()} is called, else Strata's own, as in an application server or Spring Boot).
         */
        public Configuration classLoader(ClassLoader value) {
            this.classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        /** A package of Java revisions (classes annotated {@code @StrataRevision}), read from the class loader. */
        public Configuration javaPackage(String value) {
            this.javaPackage = Objects.requireNonNull(value, "javaPackage");
            return this;
        }

        /** The schema of Strata's version and history tables (default {@code public}). */
        public Configuration schema(String value) {
            this.tables = new StateTables(value, tables.versionTable(), tables.historyTable());
            return this;
        }

        /** The names of Strata's version and history tables (default {@code strata_version}, {@code strata_history}). */
        public Configuration tables(String versionTable, String historyTable) {
            this.tables = new StateTables(tables.schema(), versionTable, historyTable);
            return this;
        }

        /** How long to wait for another runner's migration lock (default 60 s; zero: do not wait). */
        public Configuration lockWait(Duration value) {
            this.lockWait = Objects.requireNonNull(value, "lockWait");
            return this;
        }

        /** The session lock_timeout for DDL (default 2 s; zero: none). */
        public Configuration lockTimeout(Duration value) {
            this.lockTimeout = Objects.requireNonNull(value, "lockTimeout");
            return this;
        }

        /** The session statement_timeout (default: none). */
        public Configuration statementTimeout(Duration value) {
            this.statementTimeout = Objects.requireNonNull(value, "statementTimeout");
            return this;
        }

        /** Receives run events and notices (default: none). */
        public Configuration listener(RunListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The folder relative locations and the embedded server's data are resolved against (default: the current one). */
        public Configuration workingDir(Path value) {
            this.workingDir = value.toAbsolutePath().normalize();
            return this;
        }

        /** The desired-state folder for {@link Strata#check()} and {@link Strata#autogenerate}. */
        public Configuration schemaDir(Path value) {
            this.schemaDir = Optional.of(value);
            return this;
        }

        /** A server where scratch databases may be created (default: a throw-away embedded PostgreSQL). */
        public Configuration devUrl(String value) {
            this.devUrl = value;
            return this;
        }

        /**
         * Whether upgrades run although the database has applied revisions the locations do not have (it is
         * ahead of this code); default false: such an upgrade is refused.
         */
        public Configuration ignoreUnknown(boolean value) {
            this.ignoreUnknown = value;
            return this;
        }

        /**
         * How long to keep retrying the first connection of each call while the database is not up yet (it
         * refuses connections, is starting up or is out of connection slots), with exponential backoff and
         * jitter (default zero: try once). A wrong password or a missing database fails at once.
         */
        public Configuration waitForDb(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("waitForDb is negative: " + value);
            }
            this.waitForDb = value;
            return this;
        }

        /**
         * The {@code strata.toml} whose {@code [lint]} table the lint gate reads (rules, {@code fail_on},
         * {@code upgrade}); the other settings are still the ones given here. Default: none (lint defaults).
         */
        public Configuration configFile(Path value) {
            this.configFile = value.toAbsolutePath().normalize();
            return this;
        }

        /** A {@link Strata} with these settings; the settings are copied, later changes do not affect it. */
        public Strata load() {
            Configuration copy = new Configuration();
            copy.dataSource = dataSource;
            copy.url = url;
            copy.locations = List.copyOf(new ArrayList<>(locations));
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            copy.classLoader = classLoader != null ? classLoader : context != null ? context : Strata.class.getClassLoader();
            copy.javaPackage = javaPackage;
            copy.tables = tables;
            copy.lockWait = lockWait;
            copy.lockTimeout = lockTimeout;
            copy.statementTimeout = statementTimeout;
            copy.listener = listener;
            copy.workingDir = workingDir;
            copy.schemaDir = schemaDir.map(p -> workingDir.resolve(p).normalize());
            copy.devUrl = devUrl;
            copy.ignoreUnknown = ignoreUnknown;
            copy.waitForDb = waitForDb;
            copy.configFile = configFile;
            return new Strata(copy);
        }
    }
}
