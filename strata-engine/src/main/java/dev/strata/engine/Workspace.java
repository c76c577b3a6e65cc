package dev.strata.engine;

import dev.strata.embedded.EmbeddedServer;
import dev.strata.engine.config.ConfigLoader;
import dev.strata.engine.config.Settings;
import dev.strata.postgres.JdbcTarget;
import dev.strata.postgres.PgConnections;
import dev.strata.postgres.PgUrl;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;
import dev.strata.run.RunOptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one unit of work (a CLI command, a library call) works with: the settings resolved once, the
 * project's revisions loaded once, and the database connection (the configured URL, else the embedded
 * PostgreSQL, which only the development environment may use). Notices go to the listener as
 * {@link RunEvent.Notice}s; nothing is printed. Not thread-safe except where a method says so; close it
 * to release the connection, the embedded server and the Java revisions' class loader.
 */
public final class Workspace implements AutoCloseable {
    private final Supplier<Settings> resolve;
    private final Path workingDir;
    private final RunListener listener;
    private final Connector connector;
    private final java.util.function.Function<Settings, Project> projects;
    private final ConfigLoader.Inputs inputs;
    private Settings settings;
    private Project project;
    private volatile EmbeddedServer embedded;
    private JdbcTarget target;
    private volatile boolean connectorGiven;
    private final Object targetLock = new Object();
    private final Object connected = new Object();
    private Thread connecting;
    /** The thread {@link #connectInBackground} started (kept after it is joined, for {@link #connecting()}). */
    private volatile Thread background;
    /** How long opening {@link #target()}'s connection took (ms), once it is open. */
    private volatile long connectMillis = -1;
    private JdbcTarget connectedTarget;
    private Throwable connectedFailure;
    private boolean abandoned;
    /** The state the connecting thread read ahead ({@link #connectInBackground(boolean)}), until taken. */
    private dev.strata.run.DatabaseState connectedState;
    private RuntimeException connectFailure;
    private final Object stateLock = new Object();
    private dev.strata.run.DatabaseState stateBeforeRun;
    private dev.strata.engine.config.OpsSettings operations;

    /** Opens connections for {@link #target()}; the facade passes a {@code DataSource} this way. */
    @FunctionalInterface
    public interface Connector {
        /** A new connection to the database, or null to use the configured URL / embedded server. */
        Connection open();
    }

    /** A workspace over settings resolved (lazily) from the configuration file, environment and options. */
    public Workspace(ConfigLoader.Inputs inputs, RunListener listener) {
        this(() -> ConfigLoader.resolve(inputs), inputs.workingDir(), listener, () -> null, null, inputs);
    }

    /**
     * A workspace over settings the caller built, with a connector for the database (returning null to use
     * the settings' URL) and the project the settings open (null: the settings' migrations folder).
     */
    public Workspace(Supplier<Settings> settings, Path workingDir, RunListener listener, Connector connector,
                     java.util.function.Function<Settings, Project> projects) {
        this(settings, workingDir, listener, connector, projects, null);
    }

    private Workspace(Supplier<Settings> settings, Path workingDir, RunListener listener, Connector connector,
                      java.util.function.Function<Settings, Project> projects, ConfigLoader.Inputs inputs) {
        this.inputs = inputs;
        this.resolve = Objects.requireNonNull(settings, "settings");
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.projects = projects != null ? projects : st -> Project.of(st, workingDir);
    }

    public Path workingDir() {
        return workingDir;
    }

    public RunListener listener() {
        return listener;
    }

    /** The settings, resolved on first use. Thread-safe. */
    public synchronized Settings settings() {
        if (settings == null) {
            settings = resolve.get();
        }
        return settings;
    }

    /** The project: where its revisions come from, loaded once. Thread-safe. */
    public synchronized Project project() {
        if (project == null) {
            project = projects.apply(settings());
            if (inputs != null) {
                project.cachingIn(inputs.environmentVariables()); // the command line's: see RevisionCacheFile#location
            }
        }
        return project;
    }

    /**
     * Loads and validates every revision: the SQL files of the migrations folder (or classpath location)
     * and, when {@code java_package} is set, the Java revisions on {@code java_classpath}, as one set.
     * Thread-safe.
     */
    public MigrationSet migrations() {
        return project().migrations();
    }

    public RunOptions runOptions(Duration lockWait, boolean resume) {
        return new RunOptions(lockWait == null ? settings().lockWait() : lockWait, EngineVersion.get(), resume);
    }

    /**
     * The settings of the operations around upgrade (pre-checks, backup, seed data): from the configuration
     * file when this workspace was built from one, else the defaults for the environment.
     */
    public synchronized dev.strata.engine.config.OpsSettings operations() {
        if (operations == null) {
            operations = inputs != null ? ConfigLoader.operations(inputs)
                    : dev.strata.engine.config.OpsSettings.defaults(settings().environment(), settings().projectDir());
        }
        return operations;
    }

    /** Uses {@code ops} instead of the configured operations settings; returns this workspace. */
    public synchronized Workspace withOperations(dev.strata.engine.config.OpsSettings ops) {
        this.operations = Objects.requireNonNull(ops, "ops");
        return this;
    }

    /**
     * The database as a URL, for tools that connect by themselves (pg_dump, pg_restore): the configured URL or
     * the embedded server's; empty when the connection comes from a data source.
     */
    public Optional<PgUrl> url() {
        target();
        if (connectorGiven) {
            return Optional.empty();
        }
        Settings s = settings();
        return Optional.of(PgUrl.parse(s.url().isPresent() ? s.url().get() : embedded.jdbcUrl()));
    }

    /** Whether the database is the project's embedded PostgreSQL. */
    public boolean embedded() {
        target();
        return embedded != null;
    }

    /**
     * Connects to the database: the resolved URL, else the project's embedded PostgreSQL; waits for a connection
     * {@link #connectInBackground()} started. Thread-safe; it holds a lock of its own, so the revisions can load
     * ({@link #project()}, {@link #migrations()}) while it connects.
     */
    public JdbcTarget target() {
        synchronized (targetLock) {
            if (target == null) {
                if (connecting != null) {
                    Thread t = connecting;
                    connecting = null;
                    joinConnecting(t);
                } else if (connectFailure != null) {
                    throw connectFailure; // the background attempt failed: the same error, once more
                } else {
                    target = newTarget();
                }
            }
            return target;
        }
    }

    /**
     * Starts connecting ({@link #target()}) on a thread of its own and returns at once, so the connection is made
     * while the caller reads the revision files; {@link #target()} waits for it and reports its error, if any. No
     * effect when connected already or connecting, or without a database URL (the embedded server starts when needed,
     * not behind a command that may fail first). The thread is a daemon, and {@link #close()} closes what it
     * opened.
     */
    public void connectInBackground() {
        connectInBackground(false);
    }

    /**
     * As {@link #connectInBackground()}; with {@code readState}, the connecting thread also reads the database's state
     * once connected, for the first {@link #stateBeforeRun()} (a no-op upgrade reads it while its revision files are
     * still being read, instead of after). A failed read there is dropped: the caller's own read reports it.
     */
    public void connectInBackground(boolean readState) {
        synchronized (targetLock) {
            if (target != null || connecting != null || connectFailure != null) {
                return;
            }
            if (settings().url().isEmpty()) {
                // no URL: the embedded server (or a data source) is connected to when needed, on the caller's
                // thread; starting the embedded server creates files in the project, which must not happen behind
                // a command that fails first (or after it has ended)
                return;
            }
            Thread t = new Thread(() -> {
                JdbcTarget made;
                try {
                    made = newTarget();
                } catch (RuntimeException | Error e) {
                    synchronized (connected) {
                        connectedFailure = e;
                    }
                    return;
                }
                dev.strata.run.DatabaseState state = null;
                if (readState) {
                    try {
                        state = made.readState();
                    } catch (RuntimeException e) {
                        // read again, and reported, on the caller's thread
                    }
                }
                boolean unwanted;
                synchronized (connected) {
                    unwanted = abandoned;
                    connectedTarget = made;
                    connectedState = state;
                }
                if (unwanted) {
                    made.close();
                }
            }, "strata-connect");
            t.setDaemon(true);
            connecting = t;
            background = t;
            t.start();
            // pgjdbc's first connection initializes, one after the other, JDK services that take a while to start:
            // the memory bean (it sizes the result buffer from the heap), a Gregorian calendar with the default
            // time zone and locale data, a number format (to parse the server's version). Started here on a second
            // thread, they are ready or nearly so when the connecting thread reaches them.
            Thread warm = new Thread(Workspace::warmConnectionClasses, "strata-connect-warm");
            warm.setDaemon(true);
            warm.start();
        }
    }

    private static void warmConnectionClasses() {
        try {
            java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            new java.util.GregorianCalendar().getTimeInMillis();
            java.text.NumberFormat.getIntegerInstance().format(15);
        } catch (RuntimeException | Error e) {
            // only a head start: the connecting thread does the same work itself when it gets there
        }
    }

    /** How long opening the connection of {@link #target()} took, in ms; -1 before it is open. */
    public long connectMillis() {
        return connectMillis;
    }

    /**
     * Whether a connection {@link #connectInBackground} started is still being made. Never waits: work that needs no
     * database (planning from the revision graph alone) can be done meanwhile, off the path the command waits on.
     */
    public boolean connecting() {
        Thread t = background;
        return t != null && t.isAlive();
    }

    /** Waits for the background connection: sets {@link #target}, or {@link #connectFailure} and throws it. */
    private void joinConnecting(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (connected) {
            target = connectedTarget;
            if (connectedFailure instanceof RuntimeException r) {
                connectFailure = r;
                throw r;
            }
            if (connectedFailure instanceof Error e) {
                throw e;
            }
        }
    }

    private JdbcTarget newTarget() {
        Settings s = settings();
        long t0 = System.nanoTime();
        Connection made = connect();
        connectMillis = (System.nanoTime() - t0) / 1_000_000;
        return new JdbcTarget(made, s.tables(), EngineVersion.get())
                .withSessionSettings(s.lockTimeout(), s.statementTimeout())
                .withIndexProgress(this::openConnection, Duration.ofSeconds(1));
    }

    private Connection connect() {
        Settings s = settings();
        java.util.function.Consumer<String> waiting = text -> notice(RunEvent.Notice.Level.INFO, text);
        if (s.url().isEmpty()) {
            Connection given = ConnectWait.open(connector::open, s.waitForDb(), "the data source's database", waiting);
            if (given != null) {
                connectorGiven = true;
                return given;
            }
        } else {
            PgUrl url = PgUrl.parse(s.url().get());
            notice(RunEvent.Notice.Level.DEBUG, "database: " + url.redacted() + " (from " + s.urlSource() + ")");
            return ConnectWait.open(() -> {
                Connection given = connector.open();
                return given != null ? given : PgConnections.open(url, "strata");
            }, s.waitForDb(), "the database at " + url.redacted() + " (from " + s.urlSource() + ")", waiting);
        }
        if (inputs != null) {
            ConfigLoader.requireEmbeddedAllowed(inputs);  // the embedded server is for development only
        }
        embedded = EmbeddedServer.attachOrStart(s.projectDir());
        notice(RunEvent.Notice.Level.INFO, "using the embedded PostgreSQL in .strata/ (no database URL configured)");
        return PgConnections.open(PgUrl.parse(embedded.jdbcUrl()), "strata");
    }

    /**
     * The database's state as the checks in front of a run see it (the lint gate, the pre-checks, the backup's range,
     * the unknown-revision check): read once for all of them, before the run takes its lock. The run itself reads the
     * state again under the lock, and decides there what to apply; {@link #forgetStateBeforeRun()} drops this copy.
     */
    public dev.strata.run.DatabaseState stateBeforeRun() {
        synchronized (stateLock) { // not the workspace's lock: the connecting thread needs that one for settings()
            if (stateBeforeRun == null) {
                JdbcTarget t = target();
                dev.strata.run.DatabaseState ahead;
                synchronized (connected) {
                    ahead = connectedState;
                    connectedState = null;
                }
                stateBeforeRun = ahead != null ? ahead : t.readState();
            }
            return stateBeforeRun;
        }
    }

    /** Drops the state {@link #stateBeforeRun()} read: the next check reads it again. */
    public void forgetStateBeforeRun() {
        synchronized (stateLock) {
            stateBeforeRun = null;
        }
        synchronized (connected) {
            connectedState = null;
        }
    }

    /**
     * A new connection to the same database as {@link #target()} (starting the embedded PostgreSQL if that
     * is the database), for reading its schema; the caller closes it.
     */
    public Connection openConnection() {
        target();
        Connection given = connector.open();
        if (given != null) {
            return given;
        }
        Settings s = settings();
        return PgConnections.open(PgUrl.parse(s.url().isPresent() ? s.url().get() : embedded.jdbcUrl()), "strata");
    }

    /** The schema of the database (read in a read-only snapshot on a connection of its own). */
    public dev.strata.model.SchemaModel readSchema() {
        try (Connection c = openConnection()) {
            return dev.strata.engine.schema.ModelReader.read(c, settings().tables());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("closing a connection: " + e.getMessage(), e);
        }
    }

    /** Sends a notice to the listener. */
    public void notice(RunEvent.Notice.Level level, String text) {
        listener.on(new RunEvent.Notice(level, text));
    }

    @Override
    public void close() {
        try {
            JdbcTarget open;
            synchronized (targetLock) {
                if (connecting != null) {
                    // a command that failed before it needed the database: the connection is not waited for; the
                    // thread closes it when it comes
                    connecting.interrupt();
                    connecting = null;
                    synchronized (connected) {
                        abandoned = true;
                        target = connectedTarget;
                    }
                }
                open = target;
            }
            if (open != null) {
                open.close();
            }
        } finally {
            try {
                if (embedded != null) {
                    embedded.close();
                }
            } finally {
                if (project != null) {
                    project.close();
                }
            }
        }
    }
}
