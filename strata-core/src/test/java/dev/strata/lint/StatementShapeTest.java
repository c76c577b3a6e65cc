package dev.strata.lint;

import dev.strata.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One pass over a statement gives the answers the classifier and SessionEffects give one by one (issue 14). */
class StatementShapeTest {
    private static final List<String> STATEMENTS = List.of(
            "CREATE TABLE bench_t1 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX bench_t1_name_idx ON bench_t1 (name)",
            "CREATE UNIQUE INDEX IF NOT EXISTS u ON sales.orders (lower(email))",
            "CREATE INDEX ON t (a)",
            "CREATE TABLE IF NOT EXISTS t (id int)",
            "CREATE TABLE \"Odd\" (id int REFERENCES other (id))",
            "ALTER TABLE orders ADD COLUMN note text",
            "INSERT INTO t SELECT * FROM u",
            "SET lock_timeout = '1s'",
            "DO $$ BEGIN CREATE INDEX i ON t (a); EXECUTE 'CREATE TABLE x (id int)'; END $$",
            "DROP TABLE t",
            "-- only a comment");

    @Test
    void everyAnswerIsTheOneAskedAlone() {
        for (String sql : STATEMENTS) {
            SqlStatement s = new SqlStatement(sql, 1);
            StatementShape shape = StatementShape.of(sql);
            assertThat(shape.relations()).as(sql).isEqualTo(StatementClassifier.relations(s));
            assertThat(shape.created()).as(sql).isEqualTo(StatementClassifier.created(s));
            assertThat(shape.indexBuilt()).as(sql).isEqualTo(StatementClassifier.indexBuilt(s));
            assertThat(shape.mayChangeSettings()).as(sql).isEqualTo(SessionEffects.mayChangeSettings(sql));
            assertThat(StatementShape.of(sql)).as("kept").isSameAs(shape);
        }
    }

    @Test
    void aBlankStatementNamesNothing() {
        StatementShape shape = StatementShape.of("  \n");
        assertThat(shape.relations()).isEmpty();
        assertThat(shape.created()).isEmpty();
        assertThat(shape.indexBuilt()).isNull();
        assertThat(shape.mayChangeSettings()).isFalse();
    }
}
