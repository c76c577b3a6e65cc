package dev.strata.cli;

import dev.strata.engine.Workspace;
import dev.strata.engine.config.ConfigLoader;
import dev.strata.engine.config.Settings;
import dev.strata.postgres.JdbcTarget;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.run.RunOptions;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What one command invocation works with: the console, and the engine's {@link Workspace} (settings
 * resolved once from the global options, the revisions loaded once, the database connection) with its
 * notices shown on the console.
 */
public final class Session implements AutoCloseable {
    private final StrataCommand root;
    private final Console console;
    private final Workspace workspace;

    public Session(StrataCommand root, CommandSpec spec) {
        this(root, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** As above, writing to {@code out} and {@code err} (the command line's writers). */
    public Session(StrataCommand root, PrintWriter out, PrintWriter err) {
        this.root = root;
        this.console = new Console(out, err, root.global.json, root.global.quiet, root.global.verbose);
        GlobalOptions g = root.global;
        this.workspace = new Workspace(new ConfigLoader.Inputs(Optional.ofNullable(g.config),
                Optional.ofNullable(g.env), Optional.ofNullable(g.url), Optional.ofNullable(g.dir),
                Optional.ofNullable(g.name), root.env, root.workingDir, Optional.ofNullable(g.waitForDb)), this::notice);
    }

    private void notice(RunEvent event) {
        if (event instanceof RunEvent.Notice n) {
            console.notice(n);
        }
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

    /** The engine's view of this invocation. */
    public Workspace workspace() {
        return workspace;
    }

    public Settings settings() {
        return workspace.settings();
    }

    /** Every revision of the project, loaded and validated once. */
    public MigrationSet migrations() {
        return workspace.migrations();
    }

    public RunOptions runOptions(Duration lockWait, boolean resume) {
        return workspace.runOptions(lockWait, resume);
    }

    /** Connects to the database: the resolved URL, else the project's embedded PostgreSQL. */
    public JdbcTarget target() {
        return workspace.target();
    }

    @Override
    public void close() {
        workspace.close();
    }
}
