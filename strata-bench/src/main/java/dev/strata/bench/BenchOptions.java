package dev.strata.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The apply benchmark's settings, parsed once from the command line.
 *
 * @param adminUrl JDBC URL of a database the benchmark may use to create and drop scratch databases
 * @param count    revisions to generate and apply, at least 1
 * @param repeat   measured runs per tool, at least 1; the report shows medians
 * @param tools    which tools to run, in the order of the first round, not empty
 * @param workDir  where revisions and child logs go; null means a fresh temporary folder
 * @param javaOpts JVM flags for the Flyway child; empty by default, i.e. the JVM's own defaults, which is what
 *                 Flyway's command-line launcher runs with. Strata runs through bin/strata with that launcher's
 *                 flags (or STRATA_JAVA_OPTS when set), as its users run it; the floor runs with the same flags
 *                 as Strata ({@link #STRATA_LAUNCHER_OPTS}), since it measures the same work without bookkeeping.
 * @param memoryCheck instead of the timed rounds, the memory check ({@link MemoryCheck}): Flyway and Strata apply
 *                 100, 1,000 and 10,000 revisions once each, and their peak RSS is compared
 * @param tablespace null, or the tablespace the scratch databases are created in ({@code --tablespace}): e.g. one on
 *                 a RAM disk, where a VM's file system makes creating files slow and uneven (every revision creates
 *                 five). Every tool runs on the same tablespace; the WAL stays where the server keeps it.
 */
public record BenchOptions(String adminUrl, int count, int repeat, List<Tool> tools, Path workDir, List<String> javaOpts,
                           boolean memoryCheck, String tablespace) {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    /** bin/strata's default JVM flags (a test keeps the two in step); the floor runs with them too. */
    public static final List<String> STRATA_LAUNCHER_OPTS =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m", "-Xms40m", "-Xmn32m", "-XX:-UsePerfData",
                    "-XX:CompileThresholdScaling=2", "-XX:CompileCommand=quiet",
                    "-XX:CompileCommand=CompileThresholdScaling,dev/strata/*.*,0.1",
                    "-XX:CompileCommand=CompileThresholdScaling,org/postgresql/*.*,0.1",
                    "-XX:CompileCommand=CompileThresholdScaling,java/util/*.*,1.0");

    public static final String USAGE = "usage: ApplyBenchmark [--url ADMIN_JDBC_URL] [--count N] [--repeat N]"
            + " [--tools floor,flyway,liquibase,alembic,strata] [--work DIR] [--java-opts \"FLAGS for the Flyway and Liquibase JVMs\"]"
            + " [--tablespace NAME] [--memory-check]";

    /** What {@code --help} prints: the usage and each option. */
    public static final String HELP = USAGE + "\n\n"
            + "Applies the same generated revisions with each tool in its own process (apply, a no-op, a full downgrade),\n"
            + "on a new database per run on one server, and prints medians, ratios and PASS/MISS against the targets.\n\n"
            + "  --url URL          JDBC URL of a database the benchmark may create and drop bench_* databases from\n"
            + "                     (default " + DEFAULT_URL + ")\n"
            + "  --count N          revisions to generate (default 1000)\n"
            + "  --repeat N         timed runs per tool; the report shows medians (default 3)\n"
            + "  --tools LIST       which tools, comma-separated: floor,flyway,liquibase,alembic,strata (default all)\n"
            + "  --work DIR         where the revisions and the children's logs go (default a new temporary folder)\n"
            + "  --java-opts FLAGS  JVM flags for the Flyway and Liquibase children (default the JVM's own)\n"
            + "  --tablespace NAME  create the scratch databases in this tablespace, e.g. one on a RAM disk\n"
            + "  --memory-check     instead: peak RSS of one apply of 100, 1,000 and 10,000 revisions\n"
            + "  --help             this text";

    public BenchOptions {
        Objects.requireNonNull(adminUrl, "adminUrl");
        if (!adminUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--url must be a jdbc:postgresql:// URL");
        }
        if (count < 1 || repeat < 1) {
            throw new IllegalArgumentException("--count and --repeat must be at least 1");
        }
        tools = List.copyOf(tools);
        if (tools.isEmpty()) {
            throw new IllegalArgumentException("--tools must name at least one tool");
        }
        javaOpts = List.copyOf(javaOpts);
        if (tablespace != null && tablespace.isBlank()) {
            throw new IllegalArgumentException("--tablespace needs a tablespace's name");
        }
    }

    /** Parses the command line. */
    public static BenchOptions parse(String[] args) {
        String url = DEFAULT_URL;
        int count = 1000;
        int repeat = 3;
        List<Tool> tools = List.of(Tool.values());
        Path work = null;
        String opts = "";
        boolean memory = false;
        String tablespace = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--memory-check")) {
                memory = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name + "; " + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--url" -> url = value;
                case "--count" -> count = Args.count(name, value, 1);
                case "--repeat" -> repeat = Args.count(name, value, 1);
                case "--tools" -> tools = parseTools(value);
                case "--work" -> work = Path.of(value);
                case "--java-opts" -> opts = value;
                case "--tablespace" -> tablespace = value;
                default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
            }
        }
        List<String> flags = opts.isBlank() ? List.of() : Arrays.asList(opts.trim().split("\\s+"));
        return new BenchOptions(url, count, repeat, tools, work, flags, memory, tablespace);
    }

    private static List<Tool> parseTools(String value) {
        List<Tool> result = new ArrayList<>();
        for (String label : value.split(",")) {
            Tool tool = Tool.of(label.trim());
            if (!result.contains(tool)) {
                result.add(tool);
            }
        }
        return result;
    }
}
