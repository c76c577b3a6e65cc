package dev.strata.bench.online;

import dev.strata.bench.Args;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The online-DDL benchmark's settings, parsed once from the command line.
 *
 * @param adminUrl  JDBC URL of a database from which the scratch database is created and dropped
 * @param rows      rows loaded into {@code orders}, at least 1000
 * @param rate      application writes per second, at least 1
 * @param pool      connections of the application's pool, at least 1
 * @param ops       changes to make, in order, not empty
 * @param modes     modes to make each change in, in order, not empty
 * @param settle    load before and after each change
 * @param reuse     keep using an already loaded scratch database of the same size instead of reloading
 * @param keep      leave the scratch database in place at the end
 */
public record OnlineOptions(String adminUrl, long rows, int rate, int pool, List<OnlineOp> ops, List<Mode> modes,
                            Duration settle, boolean reuse, boolean keep) {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    public static final String USAGE = "usage: OnlineDdlBenchmark [--url ADMIN_JDBC_URL] [--rows N] [--rate WRITES_PER_S]"
            + " [--pool N] [--ops add-column-volatile,...] [--modes naive,strata,strata-in-place,strata-copy-swap] [--settle-ms MS]"
            + " [--reuse] [--keep]";

    public OnlineOptions {
        Objects.requireNonNull(adminUrl, "adminUrl");
        if (!adminUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--url must be a jdbc:postgresql:// URL");
        }
        if (rows < 1000 || rate < 1 || pool < 1) {
            throw new IllegalArgumentException("--rows must be at least 1000, --rate and --pool at least 1");
        }
        ops = List.copyOf(ops);
        modes = List.copyOf(modes);
        if (ops.isEmpty() || modes.isEmpty()) {
            throw new IllegalArgumentException("--ops and --modes must name at least one each");
        }
        if (settle.isNegative()) {
            throw new IllegalArgumentException("--settle-ms must not be negative");
        }
    }

    /** Customers in the parent table: one per 50 orders, at least 1000. */
    public int customers() {
        return (int) Math.max(1000, rows / 50);
    }

    public static OnlineOptions parse(String[] args) {
        String url = DEFAULT_URL;
        long rows = 5_000_000;
        int rate = 200;
        int pool = 4;
        List<OnlineOp> ops = List.of(OnlineOp.values());
        List<Mode> modes = List.of(Mode.NAIVE, Mode.STRATA);
        long settleMs = 2_000;
        boolean reuse = false;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--reuse")) {
                reuse = true;
                continue;
            }
            if (name.equals("--keep")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name + "; " + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--url" -> url = value;
                case "--rows" -> rows = Args.number(name, value, 1);
                case "--rate" -> rate = Args.count(name, value, 1);
                case "--pool" -> pool = Args.count(name, value, 1);
                case "--ops" -> ops = labels(value, OnlineOp::of);
                case "--modes" -> modes = labels(value, Mode::of);
                case "--settle-ms" -> settleMs = Args.number(name, value, 0);
                default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
            }
        }
        return new OnlineOptions(url, rows, rate, pool, ops, modes, Duration.ofMillis(settleMs), reuse, keep);
    }

    private static <T> List<T> labels(String value, java.util.function.Function<String, T> lookup) {
        List<T> result = new ArrayList<>();
        for (String label : value.split(",")) {
            T item = lookup.apply(label.trim());
            if (!result.contains(item)) {
                result.add(item);
            }
        }
        return result;
    }
}
