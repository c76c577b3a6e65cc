package dev.strata.bench.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code strata lint --all} over N generated revisions as a whole process (JVM start included; target
 * <= 1 s for 200), then compares with squawk-cli over the lint fixtures ({@link SquawkComparison}).
 *
 * Then, with a server at {@code --dev-url} (a JDBC URL; {@code none} to skip), observed lint against applying the
 * same revisions ({@link ObservedLintBenchmark}).
 *
 * <p>Usage: {@code LintBenchmark [--count N] [--repeat N] [--work DIR] [--fixtures DIR] [--squawk PATH]
 * [--launcher bin/strata] [--dev-url JDBC-URL|none]}. The timed process is the launcher users run ({@code bin/strata}: the packaged jar,
 * with its class-data-sharing archive) when it exists, else a plain {@code java -cp} of this classpath.
 */
public final class LintBenchmark {
    private LintBenchmark() {
    }

    static final String USAGE = "usage: LintBenchmark [--count N] [--repeat N] [--work DIR] [--fixtures DIR]"
            + " [--squawk PATH] [--launcher bin/strata] [--dev-url JDBC-URL|none]";
    private static final List<String> OPTIONS = List.of("--count", "--repeat", "--work", "--fixtures", "--squawk",
            "--launcher", "--dev-url");

    public static void main(String[] args) throws Exception {
        if (dev.strata.bench.Args.wantsHelp(args)) {
            System.out.println(USAGE);
            return;
        }
        int count;
        int repeat;
        try {
            check(args);
            count = dev.strata.bench.Args.count("--count", arg(args, "--count", "200"), 1);
            repeat = dev.strata.bench.Args.count("--repeat", arg(args, "--repeat", "5"), 1);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        Path work = Path.of(arg(args, "--work", "strata-bench/target/lint-bench")).toAbsolutePath();
        Path fixtures = Path.of(arg(args, "--fixtures", "strata-core/src/test/resources/fixtures/lint")).toAbsolutePath();
        String squawk = arg(args, "--squawk", "squawk");
        Path launcher = Path.of(arg(args, "--launcher", "bin/strata")).toAbsolutePath();
        boolean jar = Files.exists(launcher) && Files.exists(launcher.getParent().resolve("../strata-cli/target/strata.jar"));
        generate(work, count);
        long[] ms = new long[repeat];
        String output = "";
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            List<String> cmd = jar ? new ArrayList<>(List.of(launcher.toString())) : javaCommand("dev.strata.cli.Main");
            cmd.addAll(List.of("--dir", "migrations", "--quiet", "lint", "--all", "--static", "--json"));
            Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        int findings = output.split("\"rule\" :", -1).length - 1;
        System.out.printf("static lint, %d revisions, whole process (%s lint --all --static): best %d ms, median %d ms "
                + "(target <= 1000 ms); %d findings; load average %.1f%n", count, jar ? "bin/strata" : "java -cp",
                sorted[0], sorted[repeat / 2], findings, ObservedLintBenchmark.loadAverage());
        ObservedLintBenchmark.verdict("static lint <= 1000 ms (median, whole process)", sorted[repeat / 2] <= 1000,
                sorted[repeat / 2] + " ms");
        String devUrl = arg(args, "--dev-url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        if (!devUrl.equals("none")) {
            List<String> strata = jar ? List.of(launcher.toString()) : javaCommand("dev.strata.cli.Main");
            try {
                ObservedLintBenchmark.run(work, count, Math.min(repeat, 3), devUrl, strata);
            } catch (java.sql.SQLException e) {
                System.out.println("observed lint skipped: no server at --dev-url (" + e.getMessage() + ")");
            }
        }
        SquawkComparison.run(fixtures, squawk);
    }

    static List<String> javaCommand(String mainClass) {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
    }

    /** A chain of {@code count} revisions mixing safe and unsafe DDL on tables of earlier revisions. */
    static void generate(Path work, int count) throws IOException {
        Path dir = work.resolve("migrations");
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (int i = 1; i <= count; i++) {
            String id = String.format("r%04d", i);
            String parent = i == 1 ? "" : String.format("-- strata:parents r%04d%n", i - 1);
            int prev = Math.max(1, i - 1);
            String up = switch (i % 5) {
                case 1 -> "CREATE TABLE t" + i + " (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text,"
                        + " created timestamptz NOT NULL DEFAULT now());\nCREATE INDEX t" + i + "_name ON t" + i + " (name);";
                case 2 -> "ALTER TABLE t" + prev + " ADD COLUMN note text;\nALTER TABLE t" + prev
                        + " ADD COLUMN token uuid DEFAULT gen_random_uuid();";
                case 3 -> "CREATE INDEX t" + prev + "_note ON t" + prev + " (note);\nALTER TABLE t" + prev
                        + " ADD CONSTRAINT t" + prev + "_name_len CHECK (char_length(name) < 200);";
                case 4 -> "DO $$ BEGIN\n  ALTER TABLE t" + prev + " ALTER COLUMN name SET NOT NULL;\nEND $$;\n"
                        + "UPDATE t" + prev + " SET note = 'x' WHERE note IS NULL;";
                default -> "CREATE TABLE c" + i + " (id bigint PRIMARY KEY, t_id bigint REFERENCES t" + prev + " (id),"
                        + " amount numeric(12,2), kind varchar(20));";
            };
            String down = i % 5 == 1 ? "DROP TABLE t" + i + ";" : i % 5 == 0 ? "DROP TABLE c" + i + ";" : "";
            Files.writeString(dir.resolve(id + ".sql"), "-- strata:revision " + id + "\n" + parent
                    + "-- strata:message generated " + i + "\n\n-- strata:upgrade\n" + up + "\n\n-- strata:downgrade\n"
                    + down + "\n", StandardCharsets.UTF_8);
        }
    }

    /** Every argument is a known option followed by its value. */
    static void check(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
        }
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
