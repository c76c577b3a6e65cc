package dev.strata.bench.online;

import dev.strata.op.BackfillRows;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs every requested change in every requested mode against a loaded {@code orders} table under a
 * steady write load, and prints one table row per run. Each run: start the load, let it settle, make
 * the change on a connection of its own and time it, keep the load running as long again, stop the load,
 * check that the change is in place, undo it. The Strata side comes from the {@code strata} function
 * ({@link StrataOpsChanges#forOp} in {@link #main}).
 */
public final class OnlineDdlBenchmark {

    private final OnlineOptions options;
    private final Function<OnlineOp, StrataChange> strata;
    private final PrintStream out;
    private final BenchDatabase database;

    public OnlineDdlBenchmark(OnlineOptions options, Function<OnlineOp, StrataChange> strata, PrintStream out) {
        this(options, strata, out, BenchDatabase.NAME);
    }

    OnlineDdlBenchmark(OnlineOptions options, Function<OnlineOp, StrataChange> strata, PrintStream out,
                       String databaseName) {
        this.options = options;
        this.strata = strata;
        this.out = out;
        this.database = new BenchDatabase(options.adminUrl(), databaseName);
    }

    public static void main(String[] args) throws Exception {
        if (dev.strata.bench.Args.wantsHelp(args)) {
            System.out.println(OnlineOptions.USAGE);
            return;
        }
        OnlineOptions options;
        try {
            options = OnlineOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        boolean met = new OnlineDdlBenchmark(options, StrataOpsChanges::forOp, System.out).run().stream()
                .noneMatch(r -> ResultTable.verdict(r, List.of()).startsWith("FAILED"));
        System.exit(met ? 0 : 1);
    }

    /** Loads (or reuses) the table, makes every change, prints the table; returns the results. */
    public List<RunResult> run() throws SQLException, InterruptedException {
        out.println("server:  " + database.serverVersion());
        out.printf("table:   orders, %,d rows; customers, %,d rows; load %d writes/s from %d connections%n",
                options.rows(), options.customers(), options.rate(), options.pool());
        out.printf("strata:  the ops' online defaults (backfill batches of %,d rows), lock_timeout %d s;"
                        + " settle %d ms before and after each change, a CHECKPOINT before it (when this login may)%n",
                BackfillRows.DEFAULT_BATCH, StrataOpsChanges.LOCK_TIMEOUT.toSeconds(), options.settle().toMillis());
        if (options.reuse() && database.isLoaded(options.rows())) {
            out.println("load:    reusing " + database.name());
            for (OnlineOp op : options.ops()) {
                database.undo(op);
            }
        } else {
            long loadNanos = database.load(options.rows(), options.customers());
            out.println("load:    " + ResultTable.seconds(loadNanos) + " (insert, primary key, vacuum analyze)");
        }
        List<RunResult> results = new ArrayList<>();
        try {
            for (OnlineOp op : options.ops()) {
                for (Mode mode : options.modes()) {
                    if (mode.isStrata() && mode != Mode.STRATA && !op.backfillsEveryRow()) {
                        continue;
                    }
                    RunResult result = runOne(op, mode);
                    out.printf("  %-20s %-16s change %s, worst write %s, %d errors; %s%n", op.label(), mode.label(),
                            ResultTable.seconds(result.changeNanos()), ResultTable.millis(result.stats().windowMax()),
                            result.stats().errors(), result.server());
                    results.add(result);
                }
            }
        } finally {
            if (!options.keep()) {
                database.drop();
            }
        }
        out.println();
        ResultTable.print(results, out);
        return results;
    }

    private RunResult runOne(OnlineOp op, Mode mode) throws SQLException, InterruptedException {
        database.undo(op);
        // the change starts with nothing of the undo's left to write out (see BenchDatabase#checkpoint)
        database.checkpoint();
        try (Connection ddl = DriverManager.getConnection(database.url())) {
            try (Statement s = ddl.createStatement()) {
                s.execute("SET maintenance_work_mem = '256MB'");
                s.execute("SET application_name = 'online-bench-ddl'");
            }
            WriteLoad load = WriteLoad.start(database.url(), options.rate(), options.pool(), options.rows(),
                    options.customers(), database.maxId());
            long start;
            long end;
            String failure = null;
            LatencyRecorder recorder;
            ServerSample before;
            java.time.Instant startedAt;
            ServerSample after;
            StrataOpsChanges.lastStrategy = null;
            Timeline timeline = null;
            try (Connection probe = DriverManager.getConnection(database.url())) {
                Thread.sleep(options.settle().toMillis());
                timeline = Timeline.startIfTracing(database.url(), ddl);
                before = ServerSample.take(probe);
                startedAt = java.time.Instant.now();
                start = System.nanoTime();
                try {
                    if (mode == Mode.NAIVE) {
                        try (Statement s = ddl.createStatement()) {
                            s.execute(op.naiveSql());
                        }
                    } else if (mode == Mode.STRATA) {
                        strata.apply(op).apply(ddl);
                    } else {
                        StrataOpsChanges.forOp(op, mode.strategy()).apply(ddl);
                    }
                } catch (SQLException e) {
                    failure = e.getSQLState() + " " + e.getMessage();
                }
                end = System.nanoTime();
                if (timeline != null) {
                    timeline.close();
                }
                after = ServerSample.take(probe);
                Thread.sleep(options.settle().toMillis());
            } finally {
                recorder = load.stop();
            }
            if (timeline != null) {
                out.println("  timeline of " + op.label() + " " + mode.label() + ":");
                timeline.print(out, recorder, start, end, Long.getLong("online.slow.ms", 60L) * 1_000_000L);
            }
            boolean inPlace = failure == null && database.verify(op);
            String server = (mode.isStrata() && op.backfillsEveryRow() && StrataOpsChanges.lastStrategy != null
                    ? "ran " + StrataOpsChanges.lastStrategy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "; " : "")
                    + after.since(before) + "; started " + startedAt + ", worst write at " + recorder.worstAt(start, end);
            RunResult result = new RunResult(op, mode, end - start, recorder.summarize(start, end), inPlace, failure,
                    server);
            database.undo(op);
            return result;
        }
    }
}
