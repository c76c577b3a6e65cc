package dev.strata.op;

import dev.strata.plan.Backfill;
import dev.strata.plan.Backfill.Strategy;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.run.DatabaseState;
import dev.strata.run.OfflineTarget;
import dev.strata.run.StateTables;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The backfill strategy travels from the op builders to the planned backfill, its reverse and offline SQL. */
class BackfillStrategyTest {

    private static Backfill backfillOf(List<Op> ops) {
        return Renderer.render(ops).stream().filter(s -> s.tx() == Tx.BATCHED).map(Statement::backfill)
                .findFirst().orElseThrow();
    }

    @Test
    void autoByDefaultAndOverriddenPerOp() {
        Operations o = new Operations();
        o.addColumn("orders", "status", "text", c -> c.notNull().defaultValue("md5(random()::text)"));
        Backfill b = backfillOf(o.ops());
        assertThat(b.strategy()).isEqualTo(Strategy.AUTO);
        assertThat(b.set()).containsExactly(java.util.Map.entry("\"status\"", "md5(random()::text)"));
        assertThat(b.pending()).isEqualTo("\"status\" IS NULL");

        Operations forced = new Operations();
        forced.addColumn("orders", "status", "text",
                c -> c.notNull().defaultValue("md5(random()::text)").strategy(Strategy.IN_PLACE));
        assertThat(backfillOf(forced.ops()).strategy()).isEqualTo(Strategy.IN_PLACE);
    }

    @Test
    void theTypeChangeAndItsReverseKeepTheStrategy() {
        Operations o = new Operations();
        o.alterColumn("orders", "qty", a -> a.type("integer", "bigint").notNull().strategy(Strategy.COPY_SWAP));
        Backfill up = backfillOf(o.ops());
        assertThat(up.strategy()).isEqualTo(Strategy.COPY_SWAP);
        assertThat(up.set()).containsOnlyKeys("\"qty_strata_new\"");
        Op reverse = ((Reversal.Reversible) o.ops().get(0).reverse()).ops().get(0);
        assertThat(backfillOf(List.of(reverse)).strategy()).isEqualTo(Strategy.COPY_SWAP);
    }

    @Test
    void aBackfillWithoutColumnsRunsInPlace() {
        Backfill b = new Backfill("\"t\"", List.of("\"id\""), "\"v\" = 1", null, 10, java.time.Duration.ZERO);
        assertThat(b.strategy()).isEqualTo(Strategy.IN_PLACE);
        assertThat(new Backfill("\"t\"", List.of("\"id\""), "\"v\" = 1", null, 10, java.time.Duration.ZERO,
                java.util.Map.of(), Strategy.COPY_SWAP).strategy()).isEqualTo(Strategy.IN_PLACE);
    }

    @Test
    void offlineSqlBackfillsInPlaceAndSaysWhy() {
        Operations o = new Operations();
        o.addColumn("orders", "status", "text",
                c -> c.notNull().defaultValue("md5(random()::text)").strategy(Strategy.COPY_SWAP));
        StringBuilder out = new StringBuilder();
        new OfflineTarget(StateTables.DEFAULT, "test", DatabaseState.empty(), out).runBackfill(backfillOf(o.ops()), p -> { });
        assertThat(out.toString())
                .contains("copy-and-swap needs the online runner, so this script updates the rows in place")
                .contains("DO $");
    }
}
