package dev.strata.cli;

import dev.strata.engine.config.Redaction;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code strata} command. {@link #run} is the testable entry point: it never calls System.exit and
 * writes only to the streams it is given.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv());
        System.out.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs one command line with the given environment variables; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, Path.of("").toAbsolutePath());
    }

    /** The first argument that is not an option or an option's value: the subcommand, if any. */
    private static String firstWord(String[] args) {
        java.util.Set<String> withValue = java.util.Set.of("--config", "--env", "--url", "--dir", "-n", "--name",
                "--wait-for-db");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (withValue.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /**
     * Prints an error: "error: MESSAGE" and the CLI's text (hint, pointer to --help) as text, or one JSON
     * object on standard error with --json. Passwords are redacted either way.
     */
    private static void error(PrintStream err, boolean json, String code, String message, String textOnly, int exit) {
        if (json) {
            err.println(Redaction.redact(Json.error(code, message, exit)));
        } else {
            err.println("error: " + Redaction.redact(message + textOnly));
        }
        err.flush();
    }

    /** Runs one command line as if started in {@code workingDir}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path workingDir) {
        boolean json = java.util.Arrays.asList(args).contains("--json");
        Integer quick = QuickMigrate.run(args, out, err, env, workingDir, json);
        if (quick != null) {
            return quick;
        }
        StrataCommand root = new StrataCommand(env, workingDir);
        CommandLine cl = new CommandLine(root);
        String invoked = firstWord(args);
        if (invoked != null && StrataCommand.SUBCOMMANDS.containsKey(invoked)) {
            cl.addSubcommand(invoked, StrataCommand.SUBCOMMANDS.get(invoked).get());
        } else if (invoked != null) {
            // the root takes no arguments: any word is meant as a command, also when --help follows it
            String message = "unknown command '" + invoked + "'"
                    + dev.strata.error.Suggestion.closest(invoked, StrataCommand.SUBCOMMANDS.keySet())
                    .map(c -> "; did you mean '" + c + "'?").orElse("");
            error(err, json, ErrorCode.USAGE.name(), message, " (`strata --help` lists the commands)", ExitCode.USAGE);
            return ExitCode.USAGE;
        } else {
            StrataCommand.SUBCOMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            error(err, json, ErrorCode.USAGE.name(), ex.getMessage(),
                    " (see `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help`)", ExitCode.USAGE);
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failed(ex, root, err, json));
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Prints a command's failure (its stack trace only with --verbose); returns the exit status. */
    static int failed(Exception ex, StrataCommand root, PrintStream err, boolean json) {
        boolean verbose = root.global.verbose;
        if (ex instanceof Migrate.AlertRaised alerted) {
            StrataException se = alerted.failure;
            error(err, json, se.code().name(), se.getMessage(), Hints.of(se).map(h -> "\nhint: " + h).orElse(""),
                    ExitCode.ALERT);
            if (verbose) {
                se.printStackTrace(err);
            }
            return ExitCode.ALERT;
        }
        if (ex instanceof StrataException se) {
            int code = se.code().kind() == ErrorCode.Kind.BAD_INPUT ? ExitCode.USAGE : ExitCode.FAILURE;
            error(err, json, se.code().name(), se.getMessage(), Hints.of(se).map(h -> "\nhint: " + h).orElse(""),
                    code);
            if (verbose) {
                ex.printStackTrace(err);
            }
            return code;
        }
        error(err, json, "INTERNAL_ERROR", "internal error: " + ex,
                verbose ? "" : " (run again with --verbose for the stack trace)", ExitCode.FAILURE);
        if (verbose) {
            ex.printStackTrace(err);
        }
        return ExitCode.FAILURE;
    }
}
