package dev.strata.run;

import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which steps only create new, empty relations, so that their sizes are not read, and which relations a step drops, so
 * that their sizes are not read after it (issue 14: apply and downgrade speed).
 */
class StepMeasureTest {
    private static List<Statement> plan(String... sql) {
        return Arrays.stream(sql).map(s -> Statement.of(s, Tx.IN_TRANSACTION, "t.sql:1")).toList();
    }

    @Test
    void aNewTableWithItsIndexesIsNotMeasured() {
        assertThat(StepMeasure.onlyCreatesNew(plan("CREATE TABLE t (id int PRIMARY KEY, name text)",
                "CREATE INDEX t_name ON t (name)", "COMMENT ON TABLE t IS 'x'"))).isTrue();
        assertThat(StepMeasure.onlyCreatesNew(plan("CREATE TABLE s.t (id int)", "CREATE INDEX t_id ON s.t (id)")))
                .isTrue();
    }

    @Test
    void anythingThatFillsChangesOrMayFindAnExistingRelationIs() {
        assertThat(StepMeasure.onlyCreatesNew(plan("CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)"))).isFalse();
        assertThat(StepMeasure.onlyCreatesNew(plan("CREATE INDEX old_name ON old (name)"))).isFalse();
        assertThat(StepMeasure.onlyCreatesNew(plan("CREATE TABLE IF NOT EXISTS t (id int)"))).isFalse();
        assertThat(StepMeasure.onlyCreatesNew(plan("CREATE TABLE t (id int)", "ALTER TABLE t ADD COLUMN x int")))
                .isFalse();
        assertThat(StepMeasure.onlyCreatesNew(plan("DROP TABLE t"))).isFalse();
    }

    @Test
    void whatAStepDropsAndDoesNotMakeAgainIsNotMeasuredAfterIt() {
        assertThat(StepMeasure.dropped(plan("DROP TABLE bench_t5"))).containsExactly("bench_t5");
        assertThat(StepMeasure.dropped(plan("DROP INDEX IF EXISTS s.t_name", "DROP TABLE IF EXISTS s.t CASCADE")))
                .containsExactly("s.t_name", "s.t");
        // dropped and made again: it exists after the step
        assertThat(StepMeasure.dropped(plan("DROP TABLE t", "CREATE TABLE t (id bigint)"))).isEmpty();
        assertThat(StepMeasure.dropped(plan("DROP TABLE t", "CREATE TABLE IF NOT EXISTS t (id bigint)"))).isEmpty();
        assertThat(StepMeasure.dropped(plan("DROP INDEX t_a", "CREATE INDEX t_a ON t (a)"))).isEmpty();
        // changed, or dropped only inside a DO block: measured as before
        assertThat(StepMeasure.dropped(plan("ALTER TABLE t ADD COLUMN x int", "TRUNCATE t"))).isEmpty();
        assertThat(StepMeasure.dropped(plan("DO $$ BEGIN DROP TABLE t; END $$"))).isEmpty();
    }
}
