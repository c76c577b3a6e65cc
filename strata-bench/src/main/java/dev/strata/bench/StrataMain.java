package dev.strata.bench;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Strata as a user runs it: the real CLI entry point with {@code upgrade head -q}. Run once on an
 * empty database to apply everything, and again in a new process for the no-op case.
 *
 * <p>The entry point {@code dev.strata.cli.Main.run(String[], PrintStream, PrintStream)} is looked up
 * reflectively so that this module builds while the CLI is still being written; the lookup costs
 * microseconds and is inside the measured time like everything else.
 */
public final class StrataMain {

    private StrataMain() {
    }

    /** {@code StrataMain URL DIR}: upgrades the database at URL to head, then prints a {@link ChildReport}. */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args.length != 2) {
            System.err.println("usage: StrataMain JDBC_URL DIR");
            System.exit(2);
        }
        int exit = upgradeHead(args[0], args[1], System.out, System.err);
        if (exit != 0) {
            System.err.println("strata upgrade head exited with " + exit);
            System.exit(exit);
        }
        System.out.println(ChildReport.now("strata", start).line());
    }

    /** Runs {@code strata --url URL --dir DIR upgrade head -q}; returns its exit code. */
    public static int upgradeHead(String url, String dir, PrintStream out, PrintStream err) throws Exception {
        String[] cli = {"--url", url, "--dir", dir, "upgrade", "head", "-q"};
        Method run = Class.forName("dev.strata.cli.Main")
                .getMethod("run", String[].class, PrintStream.class, PrintStream.class);
        try {
            return (Integer) run.invoke(null, cli, out, err);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
