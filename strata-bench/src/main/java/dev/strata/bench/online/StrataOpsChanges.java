package dev.strata.bench.online;

import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;
import dev.strata.op.Op;
import dev.strata.op.Operations;
import dev.strata.op.Reversal;
import dev.strata.plan.Backfill.Strategy;
import dev.strata.postgres.JdbcTarget;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;
import dev.strata.run.RunOptions;
import dev.strata.run.Runner;
import dev.strata.run.StateTables;
import dev.strata.script.JavaMigrationScript;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Strata side of the benchmark, made the way users get it: each change is the {@link Operations} a
 * Java revision would record, wrapped in a {@link JavaMigrationScript} and applied by the {@link Runner}
 * through a {@link JdbcTarget} with the CLI's session settings ({@code lock_timeout} 2 s, retried on
 * 55P03; no statement timeout). Nothing here picks SQL: the ops' online defaults do (see
 * {@code dev.strata.op.Renderer}). The runner records the revision in {@link StateTables#DEFAULT};
 * {@link BenchDatabase#undo} forgets it again so the next run applies it afresh.
 */
public final class StrataOpsChanges {

    /** The lock_timeout the CLI sets by default. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

    private StrataOpsChanges() {
    }

    /** The strategy the last backfill of this JVM ran with (from its progress events), or null. */
    static volatile Strategy lastStrategy;

    /** The ops a user would write for {@code op}. */
    public static List<Op> ops(OnlineOp op) {
        return ops(op, Strategy.AUTO);
    }

    /** The ops a user would write for {@code op}, a backfill forced to {@code strategy} unless AUTO. */
    public static List<Op> ops(OnlineOp op, Strategy strategy) {
        Operations o = new Operations();
        switch (op) {
            case ADD_COLUMN_VOLATILE -> o.addColumn("orders", "status", "text",
                    c -> c.notNull().defaultValue("md5(random()::text)").strategy(strategy));
            case ADD_COLUMN_CONSTANT -> o.addColumn("orders", "channel", "text",
                    c -> c.notNull().defaultValue("'web'"));
            case ADD_FOREIGN_KEY -> o.createForeignKey("orders_customer_fk", "orders", List.of("customer_id"),
                    "customers", List.of("id"), fk -> { });
            case ADD_UNIQUE -> o.createUniqueConstraint("orders_ref_key", "orders", "ref");
            case CREATE_INDEX -> o.createIndex("orders_amount_idx", "orders", "amount");
            case WIDEN_INT -> o.alterColumn("orders", "qty", a -> a.type("integer", "bigint").notNull().strategy(strategy));
            default -> throw new IllegalStateException("no ops for " + op);
        }
        return o.ops();
    }

    /** {@code op}'s ops as a loaded Java revision (root, transactional, downgrade derived). */
    public static JavaMigrationScript script(OnlineOp op) {
        return script(op, Strategy.AUTO);
    }

    /** {@code op}'s ops with the backfill strategy {@code strategy} as a loaded Java revision. */
    public static JavaMigrationScript script(OnlineOp op, Strategy strategy) {
        String id = "bench_" + op.label().replace('-', '_');
        String location = "bench." + op.name().toLowerCase(Locale.ROOT);
        List<Op> ops = ops(op, strategy);
        Revision revision = new Revision(RevisionId.of(id), List.of(), List.of(), Set.of(), op.label(), location);
        return new JavaMigrationScript(revision, location, true, ops, Reversal.ofAll(ops), true, null);
    }

    /** The change for {@code op}: {@code upgrade head} of its revision on the given connection. */
    public static StrataChange forOp(OnlineOp op) {
        return forOp(op, Strategy.AUTO);
    }

    /** The change for {@code op} with the backfill strategy {@code strategy}. */
    public static StrataChange forOp(OnlineOp op, Strategy strategy) {
        JavaMigrationScript script = script(op, strategy);
        return c -> upgrade(c, script);
    }

    /** Runs the revision; a Strata failure becomes an SQLException so the benchmark reports it as the run's failure. */
    private static void upgrade(Connection c, JavaMigrationScript script) throws SQLException {
        try {
            runUpgrade(c, script);
        } catch (StrataException e) {
            throw new SQLException(e.getMessage(), e.getCause() instanceof SQLException s ? s.getSQLState() : null, e);
        }
    }

    private static void runUpgrade(Connection c, JavaMigrationScript script) {
        // as the CLI's target: second sessions on the same database (index progress, the copy's reading side)
        JdbcTarget target = new JdbcTarget(c, StateTables.DEFAULT, "bench").withSessionSettings(LOCK_TIMEOUT, Duration.ZERO)
                .withIndexProgress(() -> second(c), Duration.ofSeconds(1));
        new Runner(MigrationSet.of(List.of(script)), target, new RunOptions(Duration.ofSeconds(30), "bench", false),
                StrataOpsChanges::trace).upgrade("head");
    }

    /** A second connection to the database of {@code c} (the benchmark's URL carries its login). */
    private static Connection second(Connection c) {
        try {
            return java.sql.DriverManager.getConnection(c.getMetaData().getURL());
        } catch (SQLException e) {
            throw new IllegalStateException("opening a second connection: " + e.getMessage(), e);
        }
    }

    /** Run events on standard error when the JVM runs with {@code -Donline.trace=true}, for tuning. */
    private static void trace(RunEvent event) {
        if (event instanceof RunEvent.BackfillProgress p) {
            lastStrategy = p.progress().strategy();
        }
        if (!Boolean.getBoolean("online.trace")) {
            return;
        }
        if (event instanceof RunEvent.BackfillProgress p && p.progress().batches() % 50 != 0) {
            return;
        }
        System.err.println("    strata " + event);
    }
}
