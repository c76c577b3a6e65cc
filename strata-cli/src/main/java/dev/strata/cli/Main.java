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
        java.util.Set<String> withValue = java.util.Set.of("--config", "--env", "--url", "--dir", "-n", "--name");
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

    /** Runs one command line as if started in {@code workingDir}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path workingDir) {
        StrataCommand root = new StrataCommand(env, workingDir);
        CommandLine cl = new CommandLine(root);
        String invoked = firstWord(args);
        if (invoked != null && StrataCommand.SUBCOMMANDS.containsKey(invoked)) {
            cl.addSubcommand(invoked, StrataCommand.SUBCOMMANDS.get(invoked).get());
        } else if (invoked != null) {
            // the root takes no arguments: any word is meant as a command, also when --help follows it
            err.println("error: unknown command '" + Redaction.redact(invoked) + "'"
                    + dev.strata.error.Suggestion.closest(invoked, StrataCommand.SUBCOMMANDS.keySet())
                    .map(c -> "; did you mean '" + c + "'?").orElse("")
                    + " (`strata --help` lists the commands)");
            err.flush();
            return ExitCode.USAGE;
        } else {
            StrataCommand.SUBCOMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + Redaction.redact(ex.getMessage())
                    + " (see `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help`)");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = root.global.verbose;
            if (ex instanceof StrataException se) {
                err.println("error: " + Redaction.redact(se.getMessage()));
                if (verbose) {
                    ex.printStackTrace(err);
                }
                return se.code().kind() == ErrorCode.Kind.BAD_INPUT ? ExitCode.USAGE : ExitCode.FAILURE;
            }
            err.println("error: internal error: " + Redaction.redact(String.valueOf(ex))
                    + (verbose ? "" : " (run again with --verbose for the stack trace)"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return ExitCode.FAILURE;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
