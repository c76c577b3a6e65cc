package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.embedded.DevServer;
import dev.strata.engine.report.FileReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code strata dev start|stop|status|url}: the project's embedded PostgreSQL, kept running between commands. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Manage the project's embedded PostgreSQL (data in .strata/).",
                "Without a running dev server, each command that needs a database starts one for its own duration."},
        subcommands = {DevCommand.Start.class, DevCommand.Stop.class, DevCommand.Status.class, DevCommand.Url.class})
public final class DevCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static FileReports.DevServerState json(DevServer.Status st) {
        return FileReports.DevServerState.of(st);
    }

    /** A session for a dev subcommand (its parent's parent holds the global options). */
    static Session session(CommandSpec spec) {
        return new Session((StrataCommand) spec.parent().parent().userObject(), spec);
    }

    static String text(DevServer.Status st) {
        return st.server().map(i -> i.jdbcUrl() + " (pid " + i.pid() + ", port " + i.port() + ")").orElse("");
    }

    /** {@code strata dev start}. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the embedded PostgreSQL and leave it running.")
    public static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session s = session(spec)) {
                DevServer.Status st = DevServer.start(s.settings().projectDir());
                if (s.console().json()) {
                    s.console().json(json(st));
                } else {
                    s.console().line((st.changed() ? "Started: " : "Already running: ") + text(st));
                }
                return ExitCode.OK;
            }
        }
    }

    /** {@code strata dev stop}. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the embedded PostgreSQL (the data is kept).")
    public static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session s = session(spec)) {
                DevServer.Status st = DevServer.stop(s.settings().projectDir());
                s.console().line(st.changed() ? "Stopped." : "Not running.");
                return ExitCode.OK;
            }
        }
    }

    /** {@code strata dev status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Say whether the embedded PostgreSQL is running (exit 3 when not).")
    public static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session s = session(spec)) {
                DevServer.Status st = DevServer.status(s.settings().projectDir());
                if (s.console().json()) {
                    s.console().json(json(st));
                } else {
                    s.console().line(st.running() ? "running: " + text(st) : "stopped");
                }
                return st.running() ? ExitCode.OK : ExitCode.PENDING;
            }
        }
    }

    /** {@code strata dev url}. */
    @Command(name = "url", mixinStandardHelpOptions = true,
            description = "Print the JDBC URL of the running embedded PostgreSQL (exit 1 when it is not running).")
    public static final class Url implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session s = session(spec)) {
                var url = DevServer.url(s.settings().projectDir());
                if (url.isEmpty()) {
                    s.console().warn("the dev server is not running; start it with `strata dev start`");
                    return ExitCode.FAILURE;
                }
                s.console().line(url.get());
                return ExitCode.OK;
            }
        }
    }
}
