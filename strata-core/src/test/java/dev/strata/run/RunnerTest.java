package dev.strata.run;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.script.ScriptParser;
import dev.strata.script.SqlMigration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner's decisions, observed through the SQL the offline target writes (no database needed). */
class RunnerTest {
    private final List<SqlMigration> scripts = new ArrayList<>();

    private void rev(String id, String parent, String up, String down, String extraHeader) {
        String text = "-- strata:revision " + id + "\n" + (parent == null ? "" : "-- strata:parents " + parent + "\n")
                + "-- strata:message msg " + id + "\n" + extraHeader + "\n-- strata:upgrade\n" + up + "\n"
                + (down == null ? "" : "-- strata:downgrade\n" + down + "\n");
        scripts.add(ScriptParser.parse(id + ".sql", text));
    }

    private String run(DatabaseState from, java.util.function.Consumer<Runner> action) {
        StringBuilder out = new StringBuilder();
        OfflineTarget target = new OfflineTarget(StateTables.DEFAULT, "test", from, out);
        action.accept(new Runner(MigrationSet.of(scripts), target,
                new RunOptions(Duration.ZERO, "test", false), RunListener.NONE));
        return out.toString();
    }

    private static DatabaseState at(String... heads) {
        Set<RevisionId> ids = new java.util.HashSet<>();
        for (String h : heads) {
            ids.add(RevisionId.of(h));
        }
        return new DatabaseState(true, ids, Map.of(), List.of());
    }

    @Test
    void upgradeFromEmptyCreatesTablesAndWritesEachStepInItsTransaction() {
        rev("a", null, "CREATE TABLE a (id int);", "DROP TABLE a;", "");
        rev("b", "a", "CREATE TABLE b (id int);", "DROP TABLE b;", "");
        String sql = run(DatabaseState.empty(), r -> r.upgrade("head"));
        assertThat(sql).startsWith("-- one runner at a time").contains("pg_advisory_lock(")
                .contains("CREATE TABLE IF NOT EXISTS \"public\".\"strata_version\"")
                .contains("CREATE TABLE IF NOT EXISTS \"public\".\"strata_history\"")
                .contains("BEGIN;\n\nCREATE TABLE a (id int);\n\nRESET ALL;\n\nINSERT INTO \"public\".\"strata_version\" (revision) VALUES ('a');")
                .contains("UPDATE \"public\".\"strata_version\" SET revision = 'b', applied_at = now() WHERE revision = 'a';")
                .endsWith("SELECT pg_advisory_unlock(" + StateTables.LOCK_NAMESPACE + ", "
                        + StateTables.DEFAULT.lockKey()[1] + ");\n");
        assertThat(sql.indexOf("CREATE TABLE a")).isLessThan(sql.indexOf("CREATE TABLE b"));
        assertThat(count(sql, "COMMIT;")).isEqualTo(2);
    }

    @Test
    void nonTransactionalStepRunsOutsideATransactionAndRecordsAfterwards() {
        rev("a", null, "CREATE TABLE a (id int);", "DROP TABLE a;", "");
        rev("b", "a", "CREATE INDEX CONCURRENTLY a_id ON a (id);", "DROP INDEX CONCURRENTLY a_id;",
                "-- strata:transactional false\n");
        String sql = run(at("a"), r -> r.upgrade("head"));
        assertThat(sql).doesNotContain("CREATE TABLE IF NOT EXISTS")
                .contains("INVALID leftover of index a_id")
                .contains("CREATE INDEX CONCURRENTLY a_id ON a (id);\n\nBEGIN;").doesNotContain("BEGIN;\n\nCREATE INDEX");
    }

    @Test
    void downgradeRefusesBeforeRunningAnythingWhenAStepIsIrreversible() {
        rev("a", null, "CREATE TABLE a (id int);", "DROP TABLE a;", "");
        rev("b", "a", "DELETE FROM a;", null, "-- strata:irreversible data is gone\n");
        rev("c", "b", "CREATE TABLE c (id int);", "DROP TABLE c;", "");
        StringBuilder out = new StringBuilder();
        OfflineTarget target = new OfflineTarget(StateTables.DEFAULT, "t", at("c"), out);
        Runner runner = new Runner(MigrationSet.of(scripts), target, new RunOptions(Duration.ZERO, "t", false), RunListener.NONE);
        assertThatThrownBy(() -> runner.downgrade("base"))
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IRREVERSIBLE))
                .hasMessageContaining("b.sql").hasMessageContaining("data is gone");
        assertThat(out.toString()).doesNotContain("DROP TABLE c");
        // down to b is fine: only c is reverted
        assertThat(run(at("c"), r -> r.downgrade("b"))).contains("DROP TABLE c;").doesNotContain("DELETE FROM a");
    }

    @Test
    void emptyUpgradeIsNotApplied() {
        rev("a", null, "-- to do", "", "");
        assertThatThrownBy(() -> run(DatabaseState.empty(), r -> r.upgrade("head")))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_SECTION_INVALID))
                .hasMessageContaining("a.sql").hasMessageContaining("no statements");
    }

    @Test
    void changedChecksumIsRefusedWithBothChecksums() {
        rev("a", null, "CREATE TABLE a (id int);", "DROP TABLE a;", "");
        rev("b", "a", "CREATE TABLE b (id int);", "DROP TABLE b;", "");
        String stored = "0".repeat(64);
        DatabaseState state = new DatabaseState(true, Set.of(RevisionId.of("a")), Map.of(RevisionId.of("a"), stored), List.of());
        assertThatThrownBy(() -> run(state, r -> r.upgrade("head")))
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH))
                .hasMessageContaining(stored).hasMessageContaining(scripts.get(0).checksum().hex())
                .hasMessageContaining("a.sql").hasMessageContaining("--accept-checksum a");
    }

    @Test
    void halfAppliedRevisionBlocksUpgradeUnlessResumed() {
        rev("a", null, "CREATE TABLE a (id int);", "DROP TABLE a;", "");
        rev("b", "a", "CREATE INDEX CONCURRENTLY i1 ON a (id);\nCREATE INDEX CONCURRENTLY i2 ON a (id);",
                "DROP INDEX i2;\nDROP INDEX i1;", "-- strata:transactional false\n");
        DatabaseState state = new DatabaseState(true, Set.of(RevisionId.of("a")), Map.of(), List.of(
                new DatabaseState.PartialFailure(RevisionId.of("b"), 1, 2, "b.sql:8: boom", java.time.Instant.EPOCH)));
        assertThatThrownBy(() -> run(state, r -> r.upgrade("head")))
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NEEDS_REPAIR))
                .hasMessageContaining("1 of 2").hasMessageContaining("strata repair").hasMessageContaining("--resume");
        StringBuilder out = new StringBuilder();
        OfflineTarget target = new OfflineTarget(StateTables.DEFAULT, "t", state, out);
        new Runner(MigrationSet.of(scripts), target, new RunOptions(Duration.ZERO, "t", true), RunListener.NONE).upgrade("head");
        assertThat(out.toString()).doesNotContain("i1 ON").contains("CREATE INDEX CONCURRENTLY i2 ON a (id);");
    }

    @Test
    void stampRecordsChecksumsOfTheRevisionsItMarksApplied() {
        rev("a", null, "CREATE TABLE a (id int);", "DROP TABLE a;", "");
        rev("b", "a", "CREATE TABLE b (id int);", "DROP TABLE b;", "");
        String sql = run(DatabaseState.empty(), r -> r.stamp("head", false));
        assertThat(sql).doesNotContain("CREATE TABLE a").contains("INSERT INTO \"public\".\"strata_version\" (revision) VALUES ('b');")
                .contains("'a', 'stamp-up'").contains("'b', 'stamp-up'").contains(scripts.get(1).checksum().hex());
    }

    @Test
    void identifiersOfStateTablesAreQuoted() {
        rev("a", null, "SELECT 1;", "SELECT 1;", "");
        StringBuilder out = new StringBuilder();
        OfflineTarget target = new OfflineTarget(new StateTables("Ops \"x\"", "ver;sion", "hist"), "t",
                DatabaseState.empty(), out);
        new Runner(MigrationSet.of(scripts), target, new RunOptions(Duration.ZERO, "t", false), RunListener.NONE).upgrade("head");
        assertThat(out.toString()).contains("CREATE SCHEMA IF NOT EXISTS \"Ops \"\"x\"\"\"")
                .contains("\"Ops \"\"x\"\"\".\"ver;sion\"");
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
