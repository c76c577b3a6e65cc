package dev.strata.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The apply benchmark: generates {@code --count} revisions, then for each of {@code --repeat} rounds
 * applies them with every tool to its own fresh database (tool order rotates per round), runs the
 * stateful tools a second time on the applied database for the no-op case, checks that every table
 * exists, drops the database, and finally prints medians, ratios and the verdict per target.
 * Exit status: 0 when every child ran (whatever the verdicts), 1 when a child failed, 2 on bad usage.
 */
public final class ApplyBenchmark {

    private final BenchOptions options;
    private final PrintStream out;

    ApplyBenchmark(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(BenchOptions.HELP);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        boolean ok;
        try {
            ok = new ApplyBenchmark(options, System.out).run();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(ok ? 0 : 1);
    }

    /** Runs the whole benchmark; returns false if any child failed. */
    boolean run() throws IOException, InterruptedException, SQLException {
        ScratchDatabases databases = new ScratchDatabases(options.adminUrl(), options.tablespace());
        // before anything is written: a tablespace that is not there is the user's typo, not a failed run
        String problem = databases.tablespaceProblem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Path work = options.workDir() != null
                ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("strata-apply-bench-");
        for (Path old : List.of(Generate.strataDir(work), Generate.flywayDir(work), Generate.liquibaseDir(work),
                Generate.alembicDir(work), work.resolve("logs"))) {
            deleteTree(old);
        }
        ChildLauncher launcher = new ChildLauncher(options.javaOpts(), System.getProperty("java.class.path"),
                work.resolve("logs"));
        if (options.memoryCheck()) {
            if (options.tools().contains(Tool.STRATA)) {
                warmUp(databases, launcher, work); // else the first measured run's RSS is the archive's training JVM
            }
            return new MemoryCheck(options.tools(), MemoryCheck.COUNTS, out, databases, launcher, work).run();
        }
        Generate.write(work, options.count());

        out.printf(Locale.ROOT, "apply benchmark: %d revisions (one table and one index each; apply, no-op, downgrade),"
                        + " %d run(s) per tool%n",
                options.count(), options.repeat());
        out.println("machine: " + Machine.describe());
        out.println("server:  " + databases.serverVersion());
        out.println("flyway:    " + FlywayMain.version() + " (API; JVM flags: "
                + (options.javaOpts().isEmpty() ? "the JVM's defaults" : String.join(" ", options.javaOpts())) + ")");
        out.println("liquibase: " + liquibaseVersion() + " (LiquibaseCommandLine, formatted SQL changelog; same JVM flags)");
        out.println("alembic:   " + alembicVersion() + " (the alembic command, one transaction per migration)");
        out.println("floor:     JVM flags: " + String.join(" ", BenchOptions.STRATA_LAUNCHER_OPTS) + " (the same as Strata's)");
        out.println("strata:    bin/strata, JVM flags: " + (System.getenv("STRATA_JAVA_OPTS") == null
                ? "the launcher's defaults" : System.getenv("STRATA_JAVA_OPTS")));
        out.println("work:    " + work);
        if (options.tablespace() != null) {
            out.println("data:    the scratch databases in tablespace " + options.tablespace() + " (--tablespace); WAL"
                    + " where the server keeps it");
        }
        out.println("runs:    each timed run after an untimed CHECKPOINT (when this login may), so that none pays for"
                + " writing out what the run before it left");
        out.println();

        if (options.tools().contains(Tool.STRATA)) {
            warmUp(databases, launcher, work);
        }
        Measurements measurements = new Measurements();
        for (int round = 0; round < options.repeat(); round++) {
            for (Tool tool : rotate(options.tools(), round)) {
                if (!measurements.failed(tool)) {
                    measure(tool, round + 1, databases, launcher, work, measurements);
                }
            }
        }
        new ReportPrinter(out, measurements).print();
        countRoundTrips(databases, launcher, work, measurements);
        return !measurements.anyFailed();
    }

    /**
     * One more, untimed apply per tool through a {@link RoundTripCounter}: round trips and statements per revision,
     * which do not depend on the machine's load (the fixed ones of start-up and the lock included, spread over the
     * revisions).
     */
    private void countRoundTrips(ScratchDatabases databases, ChildLauncher launcher, Path work, Measurements measurements)
            throws IOException, InterruptedException, SQLException {
        out.println();
        out.println("round trips (one more apply per tool, untimed, through a counting proxy; machine-independent)");
        out.printf(Locale.ROOT, "%-10s %12s %12s %14s%n", "tool", "round trips", "per revision", "statements/rev");
        String[] upstream = ScratchDatabases.hostPort(options.adminUrl()).split(":");
        Double floor = null;
        Double strata = null;
        try (RoundTripCounter counter = new RoundTripCounter(upstream[0], Integer.parseInt(upstream[1]))) {
            ScratchDatabases proxied = new ScratchDatabases(ScratchDatabases.withHostPort(options.adminUrl(),
                    "127.0.0.1:" + counter.port()), options.tablespace());
            for (Tool tool : options.tools()) {
                if (measurements.failed(tool)) {
                    continue;
                }
                String database = "bench_rt_" + tool.label() + "_" + ProcessHandle.current().pid();
                databases.recreate(database);
                try {
                    counter.reset();
                    launcher.run(tool, Phase.APPLY, proxied, database, work, options.count(), database);
                    double perRevision = (double) counter.roundTrips() / options.count();
                    out.printf(Locale.ROOT, "%-10s %12d %12.2f %14.2f%n", tool.label(), counter.roundTrips(),
                            perRevision, (double) counter.statements() / options.count());
                    if (tool == Tool.FLOOR) {
                        floor = perRevision;
                    } else if (tool == Tool.STRATA) {
                        strata = perRevision;
                    }
                } catch (ChildFailedException e) {
                    out.println(tool.label() + ": " + e.getMessage());
                } finally {
                    databases.drop(database);
                }
            }
        }
        if (floor != null && strata != null) {
            out.printf(Locale.ROOT, "strata round trips per revision vs floor: %.2f vs %.2f   %s%n", strata, floor,
                    strata <= floor ? "PASS" : "MISS");
        }
    }

    /**
     * One untimed Strata apply of a few revisions: the first run after a build records bin/strata's class-data
     * archive at its exit, which would otherwise weigh on round 1 (about 0.4 s and 40 MB of RSS).
     */
    private void warmUp(ScratchDatabases databases, ChildLauncher launcher, Path work)
            throws IOException, InterruptedException, SQLException {
        Path dir = work.resolve("warm-up");
        deleteTree(dir);
        Generate.write(dir, 3);
        String database = "bench_warmup_" + ProcessHandle.current().pid();
        databases.recreate(database);
        try {
            launcher.run(Tool.STRATA, Phase.APPLY, databases, database, dir, 3, database);
            out.println("warm-up: one untimed strata apply of 3 revisions (records bin/strata's class-data archive)");
        } catch (ChildFailedException e) {
            out.println("warm-up failed (the rounds will say why): " + e.getMessage());
        } finally {
            databases.drop(database);
        }
    }

    private void measure(Tool tool, int round, ScratchDatabases databases, ChildLauncher launcher, Path work,
                         Measurements measurements) throws IOException, InterruptedException, SQLException {
        // the process id keeps two benchmarks running against one server (e.g. from two checkouts) apart
        String database = "bench_" + tool.label() + "_" + round + "_" + ProcessHandle.current().pid();
        databases.recreate(database);
        try {
            for (Phase phase : Phase.values()) {
                if (!tool.runs(phase)) {
                    continue;
                }
                databases.checkpoint(); // untimed: each run starts with nothing of the runs before left to write
                ChildRun run = launcher.run(tool, phase, databases, database, work, options.count(),
                        database + "_" + phase.name().toLowerCase(Locale.ROOT));
                int tables = databases.benchTables(database);
                int expected = phase == Phase.DOWNGRADE ? 0 : options.count();
                if (tables != expected) {
                    throw new ChildFailedException(tool.label() + " reported success but " + tables + " of "
                            + options.count() + " tables exist in " + database + " after " + phase);
                }
                measurements.add(tool, phase, run);
                out.printf(Locale.ROOT, "round %d %-9s %-9s %8.0f ms  cpu %6.2f s  peak RSS %6.1f MB  (load %s)%n", round,
                        tool.label(), phase.name().toLowerCase(Locale.ROOT), run.processMillis(), run.cpuSeconds(),
                        run.report().peakRssKb() / 1024.0, Machine.loadAverage());
            }
        } catch (ChildFailedException e) {
            measurements.fail(tool, e.getMessage());
            out.println("FAILED " + e.getMessage());
        } finally {
            databases.drop(database);
        }
    }

    private static String liquibaseVersion() {
        Package p = liquibase.Scope.class.getPackage();
        return p == null || p.getImplementationVersion() == null ? "4.x" : p.getImplementationVersion();
    }

    /** What {@code alembic --version} says, or why it could not run. */
    static String alembicVersion() {
        try {
            Process p = new ProcessBuilder("alembic", "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? text : "not usable: " + text;
        } catch (IOException | InterruptedException e) {
            return "not installed (apt-get install alembic python3-psycopg2)";
        }
    }

    /** The tools shifted left by {@code round}, so each tool takes each position in turn. */
    static List<Tool> rotate(List<Tool> tools, int round) {
        List<Tool> result = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            result.add(tools.get((i + round) % tools.size()));
        }
        return List.copyOf(result);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
