package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UpgradeDowngradeTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE t1 (id int PRIMARY KEY);", "DROP TABLE t1;");
        cli.simple("b2", "a1", "ALTER TABLE t1 ADD COLUMN name text;\nCREATE TABLE t2 (id int);", "DROP TABLE t2;\nALTER TABLE t1 DROP COLUMN name;");
        cli.simple("c3", "b2", "-- strata:allow SA001 t2 is a small test table\nCREATE INDEX t2_id ON t2 (id);", "DROP INDEX t2_id;");
    }

    @Test
    void upgradeHeadThenDowngradeBaseRoundTrip() throws Exception {
        var r = cli.run("upgrade", "head");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Ran upgrade a1 -> b2");
        assertThat(tables()).contains("t1", "t2", "strata_version", "strata_history");

        var current = cli.run("current");
        assertThat(current.out().strip()).isEqualTo("c3 (head)");

        assertThat(cli.run("check").code()).isZero();

        var down = cli.run("downgrade", "-1");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(cli.run("current").out().strip()).isEqualTo("b2");
        assertThat(cli.run("check").code()).isEqualTo(3);

        var base = cli.run("downgrade", "base");
        assertThat(base.code()).as(base.toString()).isZero();
        assertThat(tables()).doesNotContain("t1", "t2");
        assertThat(cli.run("current").out()).isEmpty();

        var again = cli.run("upgrade", "head");
        assertThat(again.code()).isZero();
        var noop = cli.run("upgrade", "head");
        assertThat(noop.code()).isZero();
        assertThat(noop.err()).contains("Nothing to do");

        List<String> actions = query("SELECT action || ' ' || revision || ' ' || status FROM strata_history ORDER BY id");
        assertThat(actions).containsExactly("upgrade a1 ok", "upgrade b2 ok", "upgrade c3 ok", "downgrade c3 ok",
                "downgrade b2 ok", "downgrade a1 ok", "upgrade a1 ok", "upgrade b2 ok", "upgrade c3 ok");
        assertThat(query("SELECT count(*) FROM strata_history WHERE checksum ~ '^[0-9a-f]{64}$' AND execution_ms >= 0"
                + " AND applied_by = current_user AND tool_version <> '' AND started_at IS NOT NULL"))
                .containsExactly("9");
    }

    @Test
    void relativeAndPrefixTargets() {
        assertThat(cli.run("upgrade", "+2").code()).isZero();
        assertThat(cli.run("current").out().strip()).isEqualTo("b2");
        assertThat(cli.run("upgrade", "c").code()).isZero();
        assertThat(cli.run("current").out().strip()).isEqualTo("c3 (head)");
        assertThat(cli.run("downgrade", "a1").code()).isZero();
        assertThat(cli.run("current").out().strip()).isEqualTo("a1");
    }

    @Test
    void failingStatementRollsBackAndNamesFileLineAndServerMessage() throws Exception {
        cli.simple("d4", "c3", "CREATE TABLE t4 (id int);\nINSERT INTO no_such_table VALUES (1);", "DROP TABLE t4;");
        var r = cli.run("upgrade", "head");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("d4").contains("migrations/d4.sql:7")
                .contains("relation \"no_such_table\" does not exist").contains("rolled back");
        assertThat(r.err()).doesNotContain("\tat ");
        assertThat(tables()).doesNotContain("t4");
        assertThat(cli.run("current").out().strip()).isEqualTo("c3");
        assertThat(query("SELECT status || ' ' || statements_run FROM strata_history WHERE revision = 'd4'"))
                .containsExactly("failed 0");
    }

    @Test
    void jsonOutputs() throws Exception {
        cli.run("upgrade", "b2");
        ObjectMapper m = new ObjectMapper();
        JsonNode current = m.readTree(cli.run("--json", "current").out());
        assertThat(current.get("current").get(0).get("revision").asText()).isEqualTo("b2");
        assertThat(current.get("pending").asInt()).isEqualTo(1);
        JsonNode check = m.readTree(cli.run("check", "--json").out());
        assertThat(check.get("up_to_date").asBoolean()).isFalse();
        assertThat(check.get("pending").get(0).get("revision").asText()).isEqualTo("c3");
        JsonNode heads = m.readTree(cli.run("heads", "--json").out());
        assertThat(heads.get("heads").get(0).get("revision").asText()).isEqualTo("c3");
        JsonNode history = m.readTree(cli.run("history", "--json").out());
        assertThat(history.get("revisions")).hasSize(3);
        JsonNode applied = m.readTree(cli.run("history", "--applied", "--json").out());
        assertThat(applied.get("history")).hasSize(2);
        assertThat(applied.get("history").get(0).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void stampAndPurge() throws Exception {
        var r = cli.run("stamp", "b2");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(cli.run("current").out().strip()).isEqualTo("b2");
        assertThat(tables()).doesNotContain("t1");
        assertThat(query("SELECT action || ' ' || revision FROM strata_history ORDER BY id"))
                .containsExactly("stamp-up a1", "stamp-up b2");
        execute("INSERT INTO strata_version VALUES ('zz_unknown')");
        assertThat(cli.run("current").code()).isZero();
        assertThat(cli.run("upgrade", "head").code()).isEqualTo(1);
        assertThat(cli.run("stamp", "--purge", "c3").code()).isZero();
        assertThat(cli.run("current").out().strip()).isEqualTo("c3 (head)");
    }

    private List<String> tables() throws Exception {
        return query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    }

    private List<String> query(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String read(Path p) throws Exception {
        return Files.readString(p);
    }
}
