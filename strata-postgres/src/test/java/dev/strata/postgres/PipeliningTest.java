package dev.strata.postgres;

import dev.strata.run.StatementFailedException;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;

import static dev.strata.postgres.Targets.scalar;
import static dev.strata.postgres.Targets.sql;
import static dev.strata.postgres.Targets.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** New tables and their indexes go to the server in one batch; a failure in it still names its statement. */
class PipeliningTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void newTablesAndTheirIndexesAreJoinableAndNothingElseIs() {
        assertThat(Pipelining.joinable(sql(
                "CREATE TABLE a (id bigint PRIMARY KEY, name text NOT NULL DEFAULT now()::text)",
                "CREATE INDEX a_name ON a (name)",
                "CREATE UNIQUE INDEX a_name2 ON public.a (name, id)",
                "CREATE TABLE b (id int REFERENCES a (id))",
                "CREATE INDEX b_id ON b (id)",
                "CREATE INDEX a_lower ON a (lower(name))",
                "CREATE INDEX old_x ON old (x)",
                "INSERT INTO a VALUES (1, 'x')",
                "CREATE TABLE IF NOT EXISTS c (id int)",
                "CREATE TABLE d (LIKE a)",
                "CREATE TABLE e AS SELECT 1 AS x")))
                // public.a counts as a, as the linter names it; were it another table, the batch would only be slower
                .containsExactly(true, true, true, false, true, false, false, false, false, false, false);
    }

    @Test
    void otherTablesAreFoundAsWholeWordsInAnyCase() {
        assertThat(Pipelining.joinable(sql(
                "\n  create table f (id int)",
                "CREATE TABLE g (likes int, x_references int, partitions int)",
                "Create Table h (id int) INHERITS (f)",
                "CREATE TABLE i (id int) PARTITION OF f FOR VALUES IN (1)",
                "CREATE TABLE j (id int refERENCES f)",
                "DROP TABLE f")))
                .containsExactly(true, true, false, false, false, false);
    }

    @Test
    void aTableWithItsIndexIsAppliedAndItsIndexBuildRecorded() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            t.ensureTables();
            t.runInTransaction(sql("CREATE TABLE a (id bigint PRIMARY KEY, name text NOT NULL)",
                    "CREATE INDEX a_name ON a (name)", "CREATE TABLE b (id int)", "INSERT INTO b VALUES (1), (2)"),
                    upgrade(null, "r1", "s1"));
            assertThat(scalar(c, "SELECT count(*) FROM b")).isEqualTo("2");
            assertThat(scalar(c, "SELECT to_regclass('a_name') IS NOT NULL")).isEqualTo("t");
            var stats = t.takeStats();
            assertThat(stats.rowsAffected()).isEqualTo(2);
            assertThat(stats.indexBuilds()).extracting(b -> b.index()).containsExactly("a_name");
            assertThat(t.history()).hasSize(1);
        }
    }

    @Test
    void aFailureInABatchNamesItsStatementAndLeavesNothing() throws SQLException {
        try (JdbcTarget t = Targets.open(db); Connection c = db.connect()) {
            t.ensureTables();
            StatementFailedException e = catchThrowableOfType(() -> t.runInTransaction(sql(
                    "CREATE TABLE a (id int)", "CREATE INDEX a_id ON a (id)", "CREATE INDEX a_id ON a (id)"),
                    upgrade(null, "r1", "s1")), StatementFailedException.class);
            assertThat(e.index()).isEqualTo(2);
            assertThat(e.sqlState()).isEqualTo("42P07");
            assertThat(scalar(c, "SELECT to_regclass('a')")).isNull();
            assertThat(t.readState().heads()).isEmpty();
            assertThat(t.takeStats().indexBuilds()).hasSize(1); // the second attempt's, not the batch's as well
        }
    }
}
