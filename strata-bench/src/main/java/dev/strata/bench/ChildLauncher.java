package dev.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts one child process per measurement under GNU time, which reports the peak RSS; the wall time is what the
 * parent sees from starting the process to its exit (JVM or Python start included: what a user waits for). The
 * output goes to a log file, from which the result line is read back.
 */
final class ChildLauncher {
    static final String CPU_MARKER = "strata-bench-cpu";

    private final String javaBinary;
    private final List<String> javaOpts;
    private final String classPath;
    private final Path logDir;

    ChildLauncher(List<String> javaOpts, String classPath, Path logDir) throws IOException {
        this.javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.javaOpts = List.copyOf(javaOpts);
        this.classPath = classPath;
        this.logDir = Files.createDirectories(logDir);
    }

    /** Runs {@code tool} for {@code phase}; fails if it exits non-zero or reports nothing. */
    ChildRun run(Tool tool, Phase phase, ScratchDatabases databases, String database, Path work, int count,
                 String logName) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f",
                ChildReport.MARKER + " tool=" + tool.label() + " millis=0 rss_kb=%M\n" + CPU_MARKER + " %U %S"));
        command.addAll(tool.command(phase, databases, database, work, count, javaBinary, classPath, javaOpts));
        Path log = logDir.resolve(logName + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.put("BENCH_SQLALCHEMY_URL", sqlAlchemyUrl(databases.urlFor(database)));
        env.put("LIQUIBASE_ANALYTICS_ENABLED", "false"); // no network here, and none wanted in a measurement
        env.remove("DATABASE_URL");
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        int exit = process.waitFor();
        double processMillis = (System.nanoTime() - start) / 1e6;
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Optional<ChildReport> report = lines.stream()
                .map(ChildReport::parse).flatMap(Optional::stream).reduce((first, second) -> second);
        if (exit != 0 || report.isEmpty()) {
            throw new ChildFailedException(tool.label() + " (" + logName + ") exited with " + exit
                    + (report.isEmpty() ? " and printed no result line" : "") + "; see " + log
                    + "; last lines:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
        }
        ChildReport r = report.get();
        return new ChildRun(new ChildReport(r.tool(), processMillis, r.peakRssKb()), processMillis, cpuSeconds(lines));
    }

    /** GNU time's line {@code strata-bench-cpu USER SYS} (seconds), the last one; -1 when there is none. */
    static double cpuSeconds(List<String> lines) {
        double cpu = -1;
        for (String line : lines) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 3 && parts[0].equals(CPU_MARKER)) {
                try {
                    cpu = Double.parseDouble(parts[1]) + Double.parseDouble(parts[2]);
                } catch (NumberFormatException e) {
                    cpu = -1;
                }
            }
        }
        return cpu;
    }

    /** {@code jdbc:postgresql://host:port/db?user=u} as SQLAlchemy's {@code postgresql://host:port/db?user=u}. */
    static String sqlAlchemyUrl(String jdbcUrl) {
        return jdbcUrl.substring("jdbc:".length());
    }
}
