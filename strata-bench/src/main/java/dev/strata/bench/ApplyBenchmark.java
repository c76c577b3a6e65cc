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
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new ApplyBenchmark(options, System.out).run() ? 0 : 1);
    }

    /** Runs the whole benchmark; returns false if any child failed. */
    boolean run() throws IOException, InterruptedException, SQLException {
        Path work = options.workDir() != null
                ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("strata-apply-bench-");
        for (Path old : List.of(Generate.strataDir(work), Generate.flywayDir(work), Generate.liquibaseDir(work),
                Generate.alembicDir(work), work.resolve("logs"))) {
            deleteTree(old);
        }
        Generate.write(work, options.count());
        ScratchDatabases databases = new ScratchDatabases(options.adminUrl());
        ChildLauncher launcher = new ChildLauncher(options.javaOpts(), System.getProperty("java.class.path"),
                work.resolve("logs"));

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
        out.println();

        if (options.tools().contains(Tool.STRATA)) {
            warmUpStrata();
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
        return !measurements.anyFailed();
    }

    private void measure(Tool tool, int round, ScratchDatabases databases, ChildLauncher launcher, Path work,
                         Measurements measurements) throws IOException, InterruptedException, SQLException {
        String database = "bench_" + tool.label() + "_" + round;
        databases.recreate(database);
        try {
            for (Phase phase : Phase.values()) {
                if (!tool.runs(phase)) {
                    continue;
                }
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

    /**
     * Runs {@code bin/strata --version} once, untimed: the first run after a build makes the launcher's class archive
     * afterwards, which no measured run should include.
     */
    private void warmUpStrata() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of("bin", "strata").toAbsolutePath().toString(), "--version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        out.println("strata:  class archive " + (code == 0 ? "ready" : "not made (bin/strata --version exited " + code + ")"));
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
