package dev.strata.bench.diff;

import dev.strata.postgres.inspect.PgInspector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code InspectProfile [--url ADMIN_JDBC_URL] [--db NAME] [--repeat N] [--jit]}: where an inspection's time
 * goes. Each round opens a fresh connection (as the CLI does, so the server's catalog caches start cold), runs
 * every inspector query in one snapshot in the inspector's order and reads every column as text (query +
 * transfer per kind; JIT off as the inspector sets it, or on with {@code --jit}), then on another fresh
 * connection runs {@link PgInspector#inspect} whole; the remainder of the whole over the sum of the queries is
 * connecting, session set-up and the Java-side mapping. Prints medians over the rounds. Run
 * {@code DiffBenchmark --setup-only} first to create the databases.
 */
public final class InspectProfile {
    private static final List<String> QUERIES = PgInspector.FULL_READ_QUERIES;

    private InspectProfile() {
    }

    public static void main(String[] args) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        String db = "bench_diff_a";
        int repeat = 7;
        boolean jit = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--db" -> db = args[++i];
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--jit" -> jit = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --url, --db, --repeat or --jit");
            }
        }
        String target = DiffBenchmark.urlFor(url, db);
        Map<String, List<Long>> micros = new LinkedHashMap<>();
        Map<String, Integer> rows = new LinkedHashMap<>();
        List<Long> whole = new ArrayList<>();
        List<Long> sums = new ArrayList<>();
        for (int round = 0; round < repeat + 1; round++) {
            long sum = 0;
            try (Connection c = DriverManager.getConnection(target)) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    s.execute("SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('jit', '"
                            + (jit ? "on" : "off") + "', true)");
                }
                for (String q : QUERIES) {
                    long t0 = System.nanoTime();
                    int n = runQuery(c, q);
                    long us = (System.nanoTime() - t0) / 1000;
                    sum += us;
                    if (round > 0) {
                        micros.computeIfAbsent(q, k -> new ArrayList<>()).add(us);
                    }
                    rows.put(q, n);
                }
                c.rollback();
            }
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(target)) {
                new PgInspector().inspect(c);
            }
            if (round > 0) {
                whole.add((System.nanoTime() - t0) / 1000);
                sums.add(sum);
            }
        }
        System.out.printf(Locale.ROOT, "%-12s %7s %10s%n", "query", "rows", "median ms");
        for (Map.Entry<String, List<Long>> e : micros.entrySet()) {
            System.out.printf(Locale.ROOT, "%-12s %7d %10.1f%n", e.getKey(), rows.get(e.getKey()),
                    median(e.getValue()) / 1000.0);
        }
        long q = median(sums);
        long w = median(whole);
        System.out.printf(Locale.ROOT, "queries (sum, fresh connection each round): %.1f ms%n", q / 1000.0);
        System.out.printf(Locale.ROOT, "PgInspector.inspect whole (connect + set-up + queries + mapping): %.1f ms%n",
                w / 1000.0);
        System.out.printf(Locale.ROOT, "remainder (connect, set-up, Java mapping): %.1f ms%n", (w - q) / 1000.0);
    }

    private static int runQuery(Connection c, String name) throws SQLException {
        String sql = PgInspector.fullReadQuery(name, c.getMetaData().getDatabaseMajorVersion());
        int questionMarks = (int) sql.chars().filter(ch -> ch == '?').count();
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (questionMarks >= 1) {
                ps.setArray(1, c.createArrayOf("text", new String[] {"gen", "public"}));
            }
            if (questionMarks >= 2) {
                ps.setBoolean(2, false);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getString(i);
                    }
                    n++;
                }
            }
        }
        return n;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
