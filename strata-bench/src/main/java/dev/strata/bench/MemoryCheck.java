package dev.strata.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The memory check of the apply benchmark ({@code --memory-check}): Flyway and Strata each apply 100, 1,000 and
 * 10,000 revisions (one run each, a new database each), and their peak RSS is compared. Two verdicts: Strata's peak
 * RSS grows at most linearly (what each revision from 1,000 to 10,000 adds is at most {@link #SLOPE_SLACK} times what
 * each one from 100 to 1,000 added, plus {@link #NOISE_MB} for the JVM's own variation), and at 10,000 revisions it is
 * at most {@link ReportPrinter#RSS_VS_FLYWAY_LIMIT} of Flyway's. Long: the 10,000-revision runs take minutes.
 * {@code --tools} narrows the tools to Flyway or Strata alone (the missing side's verdicts read n/a).
 */
final class MemoryCheck {
    static final int[] COUNTS = {100, 1_000, 10_000};
    static final double SLOPE_SLACK = 1.25;
    static final double NOISE_MB = 8;
    private final List<Tool> tools;
    private final int[] counts;
    private final PrintStream out;
    private final ScratchDatabases databases;
    private final ChildLauncher launcher;
    private final Path work;

    MemoryCheck(List<Tool> tools, int[] counts, PrintStream out, ScratchDatabases databases, ChildLauncher launcher,
                Path work) {
        this.tools = tools.stream().filter(t -> t == Tool.FLYWAY || t == Tool.STRATA).toList();
        if (counts.length != 3) {
            throw new IllegalArgumentException("the memory check needs three counts");
        }
        this.counts = counts.clone();
        this.out = out;
        this.databases = databases;
        this.launcher = launcher;
        this.work = work;
    }

    /** Runs the check; false when a child failed. */
    boolean run() throws IOException, InterruptedException, SQLException {
        out.printf(Locale.ROOT, "memory check: peak RSS of one apply of %,d, %,d and %,d revisions (%s)%n", counts[0],
                counts[1], counts[2], String.join(", ", tools.stream().map(Tool::label).toList()));
        out.println("machine: " + Machine.describe());
        Map<Tool, double[]> mb = new LinkedHashMap<>();
        for (Tool tool : tools) {
            mb.put(tool, new double[counts.length]);
        }
        for (int i = 0; i < counts.length; i++) {
            int count = counts[i];
            Path dir = work.resolve("memory-" + count);
            if (!Files.exists(Generate.strataDir(dir))) {
                Generate.write(dir, count);
            }
            for (Tool tool : tools) {
                String database = "bench_mem_" + tool.label() + "_" + count + "_" + ProcessHandle.current().pid();
                databases.recreate(database);
                try {
                    ChildRun run = launcher.run(tool, Phase.APPLY, databases, database, dir, count, database);
                    int tables = databases.benchTables(database);
                    if (tables != count) {
                        throw new ChildFailedException(tool.label() + " reported success but " + tables + " of "
                                + count + " tables exist in " + database);
                    }
                    mb.get(tool)[i] = run.report().peakRssKb() / 1024.0;
                    out.printf(Locale.ROOT, "%-7s %,7d revisions  %8.0f ms  peak RSS %7.1f MB%n", tool.label(), count,
                            run.processMillis(), mb.get(tool)[i]);
                } catch (ChildFailedException e) {
                    out.println("FAILED " + e.getMessage());
                    return false;
                } finally {
                    databases.drop(database);
                }
            }
        }
        out.println();
        out.printf(Locale.ROOT, "tool    %10s %11s %11s  kB/revision %,d->%,d  %,d->%,d%n", String.format(Locale.ROOT, "RSS %,d", counts[0]),
                String.format(Locale.ROOT, "RSS %,d", counts[1]), String.format(Locale.ROOT, "RSS %,d", counts[2]), counts[0], counts[1], counts[1], counts[2]);
        for (Tool tool : tools) {
            double[] r = mb.get(tool);
            out.printf(Locale.ROOT, "%-7s %7.1f MB %8.1f MB %9.1f MB  %22.1f  %13.1f%n", tool.label(), r[0], r[1], r[2],
                    slope(r, 0, 1) * 1024, slope(r, 1, 2) * 1024);
        }
        double[] s = mb.get(Tool.STRATA);
        double[] f = mb.get(Tool.FLYWAY);
        out.println();
        if (s == null) {
            out.println("strata RSS grows at most linearly: n/a");
        } else {
            double allowed = s[1] + SLOPE_SLACK * Math.max(0, slope(s, 0, 1)) * (counts[2] - counts[1]) + NOISE_MB;
            out.printf(Locale.ROOT, "strata RSS grows at most linearly: %.1f MB at %,d <= %.1f MB   %s%n", s[2], counts[2],
                    allowed, s[2] <= allowed ? "PASS" : "MISS");
        }
        if (s == null || f == null) {
            out.println("strata peak RSS vs flyway: n/a");
        } else {
            double ratio = s[2] / f[2];
            out.printf(Locale.ROOT, "strata peak RSS vs flyway at %,d: %.2fx (limit %.2fx)   %s%n", counts[2], ratio,
                    ReportPrinter.RSS_VS_FLYWAY_LIMIT, ratio <= ReportPrinter.RSS_VS_FLYWAY_LIMIT ? "PASS" : "MISS");
        }
        return true;
    }

    /** MB per revision between two of the counts. */
    private double slope(double[] mb, int from, int to) {
        return (mb[to] - mb[from]) / (counts[to] - counts[from]);
    }
}
