package dev.strata.bench.diff;

import dev.strata.diff.DiffOptions;
import dev.strata.diff.DiffResult;
import dev.strata.diff.Differ;
import dev.strata.model.SchemaModel;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.sql.SqlText;
import dev.strata.testkit.GeneratedSchema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code DiffBenchmark [--url ADMIN_JDBC_URL] [--tables N] [--repeat N] [--setup-only] [--once] [--sequential]
 * [--reuse]}: builds
 * {@code bench_diff_a} (the generated schema) and {@code bench_diff_b} (a changed copy), then times inspect of
 * both plus diff: the first run in this JVM (cold), then {@code repeat} more (warm, median). {@code --once}
 * skips the setup and does one inspect + diff (for timing a fresh JVM from the command line). The two databases
 * are inspected at once on two connections, as the CLI does; {@code --sequential} reads them one after the other.
 * {@code --reuse} keeps the databases of an earlier run instead of building them again.
 */
public final class DiffBenchmark {
    private static final String A = "bench_diff_a";
    private static final String B = "bench_diff_b";

    private DiffBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        int tables = 1000;
        int repeat = 10;
        boolean setupOnly = false;
        boolean once = false;
        boolean parallel = true;
        boolean reuse = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--tables" -> tables = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--setup-only" -> setupOnly = true;
                case "--once" -> once = true;
                case "--sequential" -> parallel = false;
                case "--reuse" -> reuse = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --url, --tables, --repeat, --setup-only, --once, --sequential or --reuse");
            }
        }
        if (once) {
            Run r = run(url, parallel);
            System.out.printf(Locale.ROOT, "once: inspect %d ms, diff %d ms, %d ops%n", r.inspectMs, r.diffMs, r.ops);
            return;
        }
        long t0 = System.nanoTime();
        if (reuse) {
            System.out.printf(Locale.ROOT, "setup: reusing %s and %s as they are%n", A, B);
        } else {
            setup(url, tables);
            System.out.printf(Locale.ROOT, "setup: %d tables in %s and %s (%d ms)%n", tables, A, B,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        if (setupOnly) {
            return;
        }
        Run cold = run(url, parallel);
        System.out.printf(Locale.ROOT, "cold (first in this JVM): inspect %d ms, diff %d ms, total %d ms, %d ops%n",
                cold.inspectMs, cold.diffMs, cold.total(), cold.ops);
        List<Run> warm = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            warm.add(run(url, parallel));
        }
        long inspect = median(warm.stream().map(r -> r.inspectMs).toList());
        long diff = median(warm.stream().map(r -> r.diffMs).toList());
        long total = median(warm.stream().map(Run::total).toList());
        System.out.printf(Locale.ROOT, "warm (median of %d): inspect %d ms (both databases, %s), diff %d ms, total %d ms%n",
                repeat, inspect, parallel ? "in parallel" : "one after the other", diff, total);
        System.out.printf(Locale.ROOT, "target warm inspect + diff <= 1000 ms: %d ms = %.2f x target (%s)%n", total,
                total / 1000.0, total <= 1000 ? "met" : "missed");
    }

    private record Run(long inspectMs, long diffMs, int ops) {
        long total() {
            return inspectMs + diffMs;
        }
    }

    private static Run run(String url, boolean parallel) throws SQLException {
        PgInspector inspector = new PgInspector();
        long t0 = System.nanoTime();
        SchemaModel a;
        SchemaModel b;
        if (parallel) {
            // each database is one snapshot of its own, so the two can be read at once on two connections
            CompletableFuture<SchemaModel> other = CompletableFuture.supplyAsync(() -> inspect(inspector, urlFor(url, B)));
            a = inspect(inspector, urlFor(url, A));
            b = other.join();
        } else {
            // as the CLI's diff and autogenerate do today: one source after the other
            a = inspect(inspector, urlFor(url, A));
            b = inspect(inspector, urlFor(url, B));
        }
        long t1 = System.nanoTime();
        DiffResult d = new Differ().diff(a, b, DiffOptions.defaults());
        long t2 = System.nanoTime();
        return new Run((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, d.ops().size());
    }

    private static SchemaModel inspect(PgInspector inspector, String url) {
        try (Connection c = DriverManager.getConnection(url)) {
            return inspector.inspect(c);
        } catch (SQLException e) {
            throw new IllegalStateException("inspect failed: " + e.getMessage(), e);
        }
    }

    private static void setup(String url, int tables) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String db : List.of(A, B)) {
                s.execute("DROP DATABASE IF EXISTS " + SqlText.ident(db));
                s.execute("CREATE DATABASE " + SqlText.ident(db));
            }
        }
        load(urlFor(url, A), GeneratedSchema.sql(tables, 0));
        load(urlFor(url, B), GeneratedSchema.sql(tables, 1));
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
