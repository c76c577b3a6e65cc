package dev.strata.bench.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Observed lint against applying: {@code strata lint --all --observe} over N revisions that really apply (each
 * replayed statement by statement on a scratch database with sample rows, locks and relfilenodes read after each)
 * against {@code strata upgrade head} of the same revisions on an empty database, both as whole processes (JVM
 * start included), in interleaved rounds (apply, observe without schema reads ({@code observe_changes = false}),
 * observe as by default, reading every statement's schema change), the median of {@code repeat} rounds. Target:
 * observed lint <= 2x applying (aim 1.5x); prints PASS/MISS lines.
 */
final class ObservedLintBenchmark {
    private static final String DB = "strata_bench_lint_apply";

    private ObservedLintBenchmark() {
    }

    /** @param adminUrl a JDBC URL of a server where databases may be created (its user needs CREATEDB) */
    static void run(Path work, int count, int repeat, String adminUrl, List<String> strata) throws Exception {
        Path dir = work.resolve("observed");
        generate(dir.resolve("migrations"), count);
        String applyUrl = adminUrl.replaceFirst("(jdbc:postgresql://[^/?]+)/[^?]*", "$1/" + DB);
        long[] apply = new long[repeat];
        long[] observe = new long[repeat];
        long[] reads = new long[repeat];
        double[] ratio = new double[repeat];
        double[] readsRatio = new double[repeat];
        String out = "";
        String readsOut = "";
        String observed = "[strata]\nmigrations = \"migrations\"\ndev_url = \"" + adminUrl + "\"\n";
        // interleaved rounds: each round's ratios compare runs made moments apart, under the same load
        for (int i = 0; i < repeat; i++) {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            execute(adminUrl, "CREATE DATABASE " + DB);
            // the lint gate is off for the timed apply: it measures applying alone
            Files.writeString(dir.resolve("strata.toml"), "[strata]\nmigrations = \"migrations\"\nurl = \"" + applyUrl
                    + "\"\n[lint]\nupgrade = \"off\"\n");
            apply[i] = time(strata, dir, List.of("--quiet", "upgrade", "head"));
            Files.writeString(dir.resolve("strata.toml"), observed + "[lint]\nobserve_changes = false\n");
            long t0 = System.nanoTime();
            out = output(strata, dir, List.of("--json", "lint", "--all", "--observe"));
            observe[i] = (System.nanoTime() - t0) / 1_000_000;
            Files.writeString(dir.resolve("strata.toml"), observed);
            t0 = System.nanoTime();
            readsOut = output(strata, dir, List.of("--json", "lint", "--all", "--observe"));
            reads[i] = (System.nanoTime() - t0) / 1_000_000;
            ratio[i] = (double) observe[i] / apply[i];
            readsRatio[i] = (double) reads[i] / apply[i];
        }
        execute(adminUrl, "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        Arrays.sort(apply);
        Arrays.sort(observe);
        Arrays.sort(reads);
        Arrays.sort(ratio);
        Arrays.sort(readsRatio);
        int findings = out.split("\"rule\" :", -1).length - 1;
        int confirmed = out.split("\"observation\" : \"confirmed\"", -1).length - 1;
        int contradicted = out.split("\"observation\" : \"contradicted\"", -1).length - 1;
        int statements = out.split("\"locks_seen\" :", -1).length - 1;
        int read = readsOut.split("\"changes_seen\" : true", -1).length - 1;
        int ops = readsOut.split("\"op\" :", -1).length - 1;
        double load = loadAverage();
        System.out.printf("observed lint, %d revisions (%d statements observed; %d findings: %d confirmed, %d "
                        + "contradicted): median %d ms (best %d) without schema reads (observe_changes = false); as by "
                        + "default, reading the schema after each statement that may change it (%d reads, %d ops "
                        + "recorded): median %d ms (best %d); applying the same revisions: median %d ms (best %d)%n",
                count, statements, findings, confirmed, contradicted, observe[repeat / 2], observe[0], read, ops,
                reads[repeat / 2], reads[0],
                apply[repeat / 2], apply[0]);
        System.out.printf("observed/apply ratio, median of %d interleaved rounds: %.2fx without schema reads (best "
                        + "%.2fx), %.2fx as by default, with every schema read (best %.2fx); load average %s%n", repeat,
                ratio[repeat / 2], ratio[0],
                readsRatio[repeat / 2], readsRatio[0], load < 0 ? "unknown" : String.format("%.1f", load));
        verdict("observed lint (default, every schema read) <= 2x applying", readsRatio[repeat / 2] <= 2.0,
                String.format("%.2fx", readsRatio[repeat / 2]));
        verdict("observed lint (default, every schema read) <= 1.5x applying (aim)", readsRatio[repeat / 2] <= 1.5,
                String.format("%.2fx", readsRatio[repeat / 2]));
        verdict("observed lint without schema reads (observe_changes = false) <= 2x applying",
                ratio[repeat / 2] <= 2.0, String.format("%.2fx", ratio[repeat / 2]));
    }

    /** One PASS or MISS line. */
    static void verdict(String target, boolean met, String measured) {
        System.out.println((met ? "PASS " : "MISS ") + target + ": " + measured);
    }

    /** The one-minute load average, or -1 where the system does not say. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long time(List<String> strata, Path dir, List<String> args) throws Exception {
        long t0 = System.nanoTime();
        output(strata, dir, args);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String output(List<String> strata, Path dir, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(strata);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(600, TimeUnit.SECONDS);
        if (p.exitValue() != 0 && p.exitValue() != 4) {
            throw new IllegalStateException(String.join(" ", args) + " failed (exit " + p.exitValue() + "): " + err);
        }
        return out;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * A chain of {@code count} revisions that applies to an empty database: groups of five on one table (create it
     * with an index; add columns, one with a volatile default; index and CHECK; SET NOT NULL in a DO block and an
     * UPDATE; a child table with a foreign key), the same mix as the static benchmark.
     */
    static void generate(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (int i = 1; i <= count; i++) {
            String id = String.format("r%04d", i);
            String parent = i == 1 ? "" : String.format("-- strata:parents r%04d%n", i - 1);
            int t = i - (i - 1) % 5;
            String up = switch ((i - 1) % 5) {
                case 0 -> "CREATE TABLE t" + t + " (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text,"
                        + " created timestamptz NOT NULL DEFAULT now());\nCREATE INDEX t" + t + "_name ON t" + t + " (name);";
                case 1 -> "ALTER TABLE t" + t + " ADD COLUMN note text;\nALTER TABLE t" + t
                        + " ADD COLUMN token uuid DEFAULT gen_random_uuid();";
                case 2 -> "CREATE INDEX t" + t + "_note ON t" + t + " (note);\nALTER TABLE t" + t
                        + " ADD CONSTRAINT t" + t + "_name_len CHECK (char_length(name) < 200);";
                case 3 -> "DO $$ BEGIN\n  ALTER TABLE t" + t + " ALTER COLUMN name SET NOT NULL;\nEND $$;\n"
                        + "UPDATE t" + t + " SET note = 'x' WHERE note IS NULL;";
                default -> "CREATE TABLE c" + i + " (id bigint PRIMARY KEY, t_id bigint REFERENCES t" + t + " (id),"
                        + " amount numeric(12,2), kind varchar(20));";
            };
            String down = (i - 1) % 5 == 0 ? "DROP TABLE t" + t + ";" : (i - 1) % 5 == 4 ? "DROP TABLE c" + i + ";" : "";
            Files.writeString(dir.resolve(id + ".sql"), "-- strata:revision " + id + "\n" + parent
                    + "-- strata:message generated " + i + "\n\n-- strata:upgrade\n" + up + "\n\n-- strata:downgrade\n"
                    + down + "\n", StandardCharsets.UTF_8);
        }
    }
}
