package dev.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts one child JVM per measurement with the same java binary, flags and class path for every
 * tool, sends its output to a log file and reads its {@link ChildReport} back from that log.
 */
final class ChildLauncher {

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

    /** Runs {@code tool}'s main against {@code url} and {@code dir}; fails if it exits non-zero or reports nothing. */
    ChildRun run(Tool tool, String url, Path dir, String logName) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (tool.mainClass() == null) {
            // Strata as users run it: bin/strata (with its class-data archive and JVM flags), and GNU
            // time reporting the peak RSS in the result line (millis=0: its time is the process wall time)
            command.addAll(List.of("/usr/bin/time", "-f", ChildReport.MARKER + " tool=" + tool.label()
                    + " millis=0 rss_kb=%M", Path.of("bin", "strata").toAbsolutePath().toString(),
                    "--url", url, "--dir", dir.toString(), "upgrade", "head", "-q"));
        } else {
            command.add(javaBinary);
            command.addAll(tool == Tool.FLOOR ? BenchOptions.STRATA_LAUNCHER_OPTS : javaOpts);
            command.add("-cp");
            command.add(classPath);
            command.add(tool.mainClass());
            command.add(url);
            command.add(dir.toString());
        }
        Path log = logDir.resolve(logName + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
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
        if (r.millis() == 0) {
            r = new ChildReport(r.tool(), processMillis, r.peakRssKb());
        }
        return new ChildRun(r, processMillis);
    }
}
