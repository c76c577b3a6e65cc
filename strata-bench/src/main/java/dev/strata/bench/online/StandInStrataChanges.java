package dev.strata.bench.online;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * STAND-IN: hand-written SQL of the same shape as Strata's safe operations, until {@code dev.strata.op}
 * renders these changes. Replace {@link #forOp} with "build the op with {@code Operations}, render it with
 * {@code Renderer.render}, run the statements with the runner" and delete this class and {@link SafeSteps}.
 *
 * <p>Why each form keeps writes flowing: {@code ADD ... NOT VALID} takes its lock for a moment and
 * {@code VALIDATE CONSTRAINT} then scans under SHARE UPDATE EXCLUSIVE, which does not block writes;
 * {@code CREATE INDEX CONCURRENTLY} builds without blocking writes, and {@code ADD CONSTRAINT ... USING
 * INDEX} then only attaches the finished index; a column is added nullable (metadata only), filled in
 * short batches, and made NOT NULL through a validated CHECK, which lets {@code SET NOT NULL} skip its
 * scan; a type change adds a new column kept in sync by a trigger, backfills it, and swaps the names in
 * one short transaction. Every step runs with {@code lock_timeout} and is retried on 55P03.
 */
public final class StandInStrataChanges {

    private final int batchSize;
    private final Duration pause;

    /**
     * @param batchSize rows per backfill batch
     * @param pause     sleep between backfill batches
     */
    public StandInStrataChanges(int batchSize, Duration pause) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.batchSize = batchSize;
        this.pause = pause;
    }

    /** The change for {@code op}. */
    public StrataChange forOp(OnlineOp op) {
        switch (op) {
            case ADD_COLUMN_VOLATILE:
                return this::addColumnVolatile;
            case ADD_COLUMN_CONSTANT:
                return c -> steps(c).run(OnlineOp.ADD_COLUMN_CONSTANT.naiveSql());
            case ADD_FOREIGN_KEY:
                return c -> {
                    SafeSteps steps = steps(c);
                    steps.run(OnlineOp.ADD_FOREIGN_KEY.naiveSql() + " NOT VALID");
                    steps.run("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk");
                };
            case ADD_UNIQUE:
                return c -> {
                    SafeSteps steps = steps(c);
                    concurrentIndex(steps, "orders_ref_key", "CREATE UNIQUE INDEX CONCURRENTLY orders_ref_key ON orders (ref)");
                    steps.run("ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_key");
                };
            case CREATE_INDEX:
                return c -> concurrentIndex(steps(c), "orders_amount_idx",
                        "CREATE INDEX CONCURRENTLY orders_amount_idx ON orders (amount)");
            case WIDEN_INT:
                return this::widenInt;
            default:
                throw new IllegalStateException("no stand-in for " + op);
        }
    }

    private void addColumnVolatile(Connection c) throws SQLException {
        SafeSteps steps = steps(c);
        steps.run("ALTER TABLE orders ADD COLUMN status text",
                "ALTER TABLE orders ALTER COLUMN status SET DEFAULT md5(random()::text)");
        steps.backfill("orders", "id", "status = md5(random()::text)", "status IS NULL", batchSize, pause);
        steps.run("ALTER TABLE orders ADD CONSTRAINT orders_status_nn CHECK (status IS NOT NULL) NOT VALID");
        steps.run("ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn");
        steps.run("ALTER TABLE orders ALTER COLUMN status SET NOT NULL",
                "ALTER TABLE orders DROP CONSTRAINT orders_status_nn");
    }

    private void widenInt(Connection c) throws SQLException {
        SafeSteps steps = steps(c);
        steps.run("ALTER TABLE orders ADD COLUMN qty_new bigint",
                "CREATE FUNCTION orders_qty_sync() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$BEGIN NEW.qty_new := NEW.qty; RETURN NEW; END$$",
                "CREATE TRIGGER orders_qty_sync BEFORE INSERT OR UPDATE OF qty ON orders"
                        + " FOR EACH ROW EXECUTE FUNCTION orders_qty_sync()");
        steps.backfill("orders", "id", "qty_new = qty", "qty_new IS NULL", batchSize, pause);
        steps.run("ALTER TABLE orders ADD CONSTRAINT orders_qty_new_nn CHECK (qty_new IS NOT NULL) NOT VALID");
        steps.run("ALTER TABLE orders VALIDATE CONSTRAINT orders_qty_new_nn");
        steps.run("ALTER TABLE orders ALTER COLUMN qty_new SET NOT NULL",
                "ALTER TABLE orders DROP CONSTRAINT orders_qty_new_nn",
                "DROP TRIGGER orders_qty_sync ON orders",
                "DROP FUNCTION orders_qty_sync()",
                "ALTER TABLE orders DROP COLUMN qty",
                "ALTER TABLE orders RENAME COLUMN qty_new TO qty");
    }

    /** A concurrent build that timed out leaves an INVALID index behind; it is dropped before the retry. */
    private static void concurrentIndex(SafeSteps steps, String name, String create) throws SQLException {
        steps.runCleaningUp("DROP INDEX CONCURRENTLY IF EXISTS " + name, create);
    }

    private static SafeSteps steps(Connection c) {
        return new SafeSteps(c, "2s", 10);
    }
}
