package dev.strata.bench.diff;

import dev.strata.diff.DiffOptions;
import dev.strata.diff.DiffResult;
import dev.strata.diff.Differ;
import dev.strata.model.SchemaModel;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.sql.SqlText;
import dev.strata.testkit.GeneratedSchema;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code DiffBenchmark [--url ADMIN_JDBC_URL] [--tables N] [--warmup N] [--repeat N] [--setup-only] [--once]
 * [--sequential] [--reuse] [--prefix NAME] [--drop]}: builds
 * {@code bench_diff_a} (the generated schema) and {@code bench_diff_b} (a changed copy), then times inspect of
 * both plus diff: the first run in this JVM (cold), then, after {@code warmup} untimed runs (the JIT's second tier
 * compiles for several seconds after the first run, on one of the machine's cores), {@code repeat} more (warm,
 * median), with the JIT's compile time during them to show they ran warm. {@code --once}
 * skips the setup and does one inspect + diff (for timing a fresh JVM from the command line). The two databases
 * are inspected at once on two connections, as the CLI does; {@code --sequential} reads them one after the other.
 * {@code --reuse} keeps the databases of an earlier run instead of building them again. {@code --prefix NAME} names
 * the databases {@code NAME_a} and {@code NAME_b} instead; {@code --drop} drops them at the end (they are kept by
 * default, for {@code --reuse} and {@code --once}).
 *
 * <p>Besides the wall-clock times it prints figures that other work on the machine disturbs less: the CPU time
 * of the two server processes (read from {@code /proc/PID/schedstat} through {@code pg_read_file}, so only as a
 * superuser on Linux; "n/a" otherwise), the CPU time of the two inspecting threads (JDBC decoding and model
 * building) and of the whole JVM (with JIT and GC), and the number of catalog statements sent.
 */
public final class DiffBenchmark {
    private DiffBenchmark() {
    }

    static final String USAGE = "usage: DiffBenchmark [--url ADMIN_JDBC_URL] [--tables N] [--warmup N] [--repeat N]"
            + " [--setup-only] [--once] [--sequential] [--reuse] [--prefix NAME] [--drop]";

    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        } catch (SQLException | IllegalStateException e) {
            // the server refused or went away: one line, as for the other benchmarks
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The two databases: the generated schema and its changed copy. */
    record Names(String a, String b) {
        static Names of(String prefix) {
            if (!prefix.matches("[a-z_][a-z0-9_]{0,59}")) {
                throw new IllegalArgumentException("--prefix " + prefix + ": a database name prefix is lower-case"
                        + " letters, digits and _, at most 60 characters, not starting with a digit");
            }
            return new Names(prefix + "_a", prefix + "_b");
        }
    }

    /** The command line, parsed; a bad argument is an IllegalArgumentException with one line that says why. */
    record Options(String url, Names names, int tables, int warmup, int repeat, boolean setupOnly, boolean once,
                   boolean parallel, boolean reuse, boolean drop, boolean help) {
        static Options parse(String[] args) {
            String url = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
            Names names = Names.of("bench_diff");
            int tables = 1000;
            int warmup = 10;
            int repeat = 10;
            boolean setupOnly = false;
            boolean once = false;
            boolean parallel = true;
            boolean reuse = false;
            boolean drop = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        return new Options(url, names, tables, warmup, repeat, false, false, parallel, false, false, true);
                    }
                    case "--url" -> url = value("--url", "a JDBC URL", args, ++i);
                    case "--tables" -> tables = count("--tables", args, ++i);
                    case "--warmup" -> warmup = count("--warmup", args, ++i);
                    case "--repeat" -> repeat = Math.max(1, count("--repeat", args, ++i));
                    case "--setup-only" -> setupOnly = true;
                    case "--once" -> once = true;
                    case "--sequential" -> parallel = false;
                    case "--reuse" -> reuse = true;
                    case "--prefix" -> names = Names.of(value("--prefix", "a name", args, ++i));
                    case "--drop" -> drop = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Options(url, names, tables, warmup, repeat, setupOnly, once, parallel, reuse, drop, false);
        }

        private static String value(String option, String what, String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs " + what);
            }
            return args[i];
        }

        private static int count(String option, String[] args, int i) {
            return dev.strata.bench.Args.count(option, value(option, "a number", args, i), 0);
        }
    }

    /** Runs the benchmark as {@link #main} does, printing to {@code out}. */
    static void run(String[] args, java.io.PrintStream out) throws SQLException {
        Options o = Options.parse(args);
        if (o.help()) {
            out.println(USAGE);
            return;
        }
        try {
            measure(out, o);
        } finally {
            if (o.drop()) {
                dropBoth(o.url(), o.names());
            }
        }
    }

    private static void measure(java.io.PrintStream out, Options o) throws SQLException {
        String url = o.url();
        Names names = o.names();
        boolean parallel = o.parallel();
        int repeat = o.repeat();
        if (o.once()) {
            Run r = run(url, names, parallel);
            out.printf(Locale.ROOT, "once: inspect %d ms, diff %d ms, %d ops; CPU: server %s, inspecting "
                    + "threads %d ms, diff %d ms, JVM %d ms%n", r.inspectMs, r.diffMs, r.ops, ms(r.serverCpuMs),
                    r.inspectCpuMs, r.diffCpuMs, r.jvmCpuMs);
            return;
        }
        long t0 = System.nanoTime();
        if (o.reuse()) {
            out.printf(Locale.ROOT, "setup: reusing %s and %s as they are%n", names.a(), names.b());
        } else {
            setup(url, names, o.tables());
            out.printf(Locale.ROOT, "setup: %d tables in %s and %s (%d ms)%n", o.tables(), names.a(), names.b(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
        if (o.setupOnly()) {
            return;
        }
        Run cold = run(url, names, parallel);
        out.printf(Locale.ROOT, "cold (first in this JVM): inspect %d ms, diff %d ms, total %d ms, %d ops%n",
                cold.inspectMs, cold.diffMs, cold.total(), cold.ops);
        for (int i = 0; i < o.warmup(); i++) {
            run(url, names, parallel);
        }
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long jit0 = jit.getTotalCompilationTime();
        List<Run> warm = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            warm.add(run(url, names, parallel));
        }
        out.printf(Locale.ROOT, "warm-up: %d untimed runs; the JIT compiled for %d ms during the %d timed ones%n",
                o.warmup(), jit.getTotalCompilationTime() - jit0, repeat);
        long inspect = median(warm.stream().map(r -> r.inspectMs).toList());
        long diff = median(warm.stream().map(r -> r.diffMs).toList());
        long total = median(warm.stream().map(Run::total).toList());
        out.printf(Locale.ROOT, "warm (median of %d): inspect %d ms (both databases, %s), diff %d ms, total %d ms%n",
                repeat, inspect, parallel ? "in parallel" : "one after the other", diff, total);
        long server = median(warm.stream().map(r -> r.serverCpuMs).toList());
        out.printf(Locale.ROOT, "warm CPU (median): server %s (both processes, start-up included), inspecting "
                        + "threads %d ms (JDBC decoding, model), diff %d ms, whole JVM %d ms (with JIT, GC)%n",
                ms(server), median(warm.stream().map(r -> r.inspectCpuMs).toList()),
                median(warm.stream().map(r -> r.diffCpuMs).toList()), median(warm.stream().map(r -> r.jvmCpuMs).toList()));
        out.printf(Locale.ROOT, "%s warm inspect + diff <= 1000 ms: %d ms = %.2f x target%n",
                total <= 1000 ? "PASS" : "MISS", total, total / 1000.0);
    }

    private static String ms(long value) {
        return value < 0 ? "n/a" : value + " ms";
    }

    /** One inspect + diff; CPU times in ms, {@code serverCpuMs} -1 when the server's process cannot be read. */
    private record Run(long inspectMs, long diffMs, int ops, long serverCpuMs, long inspectCpuMs, long jvmCpuMs,
            long diffCpuMs) {
        long total() {
            return inspectMs + diffMs;
        }
    }

    /** One side's inspection: the model, the server process's CPU time and this thread's CPU time. */
    private record Side(SchemaModel model, long serverCpuMs, long threadCpuMs) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static Run run(String url, Names names, boolean parallel) {
        PgInspector inspector = new PgInspector();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        Side a;
        Side b;
        if (parallel) {
            // each database is one snapshot of its own, so the two can be read at once on two connections
            CompletableFuture<Side> other = CompletableFuture.supplyAsync(() -> inspect(inspector, urlFor(url, names.b())));
            a = inspect(inspector, urlFor(url, names.a()));
            b = other.join();
        } else {
            a = inspect(inspector, urlFor(url, names.a()));
            b = inspect(inspector, urlFor(url, names.b()));
        }
        long t1 = System.nanoTime();
        long diffCpu0 = THREADS.getCurrentThreadCpuTime();
        DiffResult d = new Differ().diff(a.model(), b.model(), DiffOptions.defaults());
        long t2 = System.nanoTime();
        long diffCpu = THREADS.getCurrentThreadCpuTime() - diffCpu0;
        long server = a.serverCpuMs() < 0 || b.serverCpuMs() < 0 ? -1 : a.serverCpuMs() + b.serverCpuMs();
        return new Run((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, d.ops().size(), server,
                a.threadCpuMs() + b.threadCpuMs(), (processCpuNanos() - cpu0) / 1_000_000, diffCpu / 1_000_000);
    }

    private static Side inspect(PgInspector inspector, String url) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        try (Connection c = DriverManager.getConnection(url)) {
            SchemaModel m = inspector.inspect(c);
            long thread = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
            return new Side(m, serverCpuMs(c), thread);
        } catch (SQLException e) {
            throw new IllegalStateException("inspect failed: " + e.getMessage(), e);
        }
    }

    /**
     * CPU time so far of the server process behind the connection (its start-up included), from the first
     * field of /proc/PID/schedstat; -1 when it cannot be read (not a superuser, not Linux).
     */
    private static long serverCpuMs(Connection c) {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_read_file('/proc/' || pg_catalog.pg_backend_pid()"
                        + " || '/schedstat')")) {
            rs.next();
            return Long.parseLong(rs.getString(1).trim().split("\\s+")[0]) / 1_000_000;
        } catch (SQLException | RuntimeException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static void setup(String url, Names names, int tables) throws SQLException {
        dropBoth(url, names);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String db : List.of(names.a(), names.b())) {
                s.execute("CREATE DATABASE " + SqlText.ident(db));
            }
        }
        load(urlFor(url, names.a()), GeneratedSchema.sql(tables, 0));
        load(urlFor(url, names.b()), GeneratedSchema.sql(tables, 1));
    }

    private static void dropBoth(String url, Names names) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String db : List.of(names.a(), names.b())) {
                s.execute("DROP DATABASE IF EXISTS " + SqlText.ident(db));
            }
        }
    }

    private static void load(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The admin URL with its database replaced, host, port and parameters kept. */
    static String urlFor(String adminUrl, String database) {
        int hostStart = "jdbc:postgresql://".length();
        int slash = adminUrl.indexOf('/', hostStart);
        int query = adminUrl.indexOf('?', hostStart);
        int hostEnd = slash < 0 ? (query < 0 ? adminUrl.length() : query) : slash;
        return adminUrl.substring(0, hostEnd) + "/" + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
