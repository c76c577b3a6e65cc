package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.testkit.TestDatabase;
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

/**
 * {@code strata stairway} on scratch databases of the test server: a chain that passes (with an irreversible
 * revision in it), a downgrade that forgets an index, a downgrade that keeps the schema but loses fixture rows;
 * and seed 002's testing process (upgrade head-1, load data, upgrade head, verify, downgrade -1, verify).
 */
class StairwayCommandTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void walksEveryRevisionAndReportsTheFirstDowngradeThatDoesNotRestoreItsParent() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        String dev = db.adminJdbcUrl();
        cli.simple("r1", null, "CREATE TABLE t (id int PRIMARY KEY, name text);", "DROP TABLE t;");
        cli.simple("r2", "r1", "ALTER TABLE t ADD COLUMN x int;", "ALTER TABLE t DROP COLUMN x;");
        cli.revision("r3.sql", "-- strata:revision r3\n-- strata:parents r2\n-- strata:message seed lookup\n"
                + "-- strata:irreversible reference data is kept\n\n-- strata:upgrade\nCREATE TABLE lookup (k text);\n");
        Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(dir.resolve("fixtures/r2.sql"), "INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b');\n");

        var ok = cli.run("stairway", "--dev-url", dev, "--data");
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("ok            r1", "ok            r2", "(fixture: public.t 2 row(s))",
                "irreversible  r3", "Stairway passed: 3 revision(s)", "(1 irreversible, only upgraded); fixture data kept");

        cli.simple("r4", "r3", "CREATE INDEX t_name_idx ON t (name);", "SELECT 1;");
        var bad = cli.run("stairway", "--dev-url", dev, "--json");
        assertThat(bad.code()).as(bad.toString()).isEqualTo(1);
        JsonNode doc = SchemaCheck.parse(bad.out());
        assertThat(SchemaCheck.violations(SchemaCheck.schema("stairway.schema.json"), doc)).isEmpty();
        assertThat(fields(doc)).containsExactly("format_version", "passed", "data", "revisions", "failure", "millis");
        assertThat(fields(doc.get("revisions").get(0))).containsExactly("revision", "message", "outcome", "reason", "fixture");
        assertThat(fields(doc.get("failure"))).containsExactly("revision", "phase", "message", "differences");
        assertThat(doc.get("passed").asBoolean()).isFalse();
        assertThat(doc.get("failure").get("revision").asText()).isEqualTo("r4");
        assertThat(doc.get("failure").get("phase").asText()).isEqualTo("schema");
        assertThat(doc.get("failure").get("differences").get(0).asText()).startsWith("DROP INDEX").contains("t_name_idx");
        // the schema comes back but the rows do not: only --data sees it
        Files.delete(dir.resolve("migrations/r4.sql"));
        cli.simple("r4", "r3", "ALTER TABLE t ALTER COLUMN x TYPE text;",
                "ALTER TABLE t DROP COLUMN x;\nALTER TABLE t ADD COLUMN x int;");
        Files.writeString(dir.resolve("fixtures/r4_values.sql"), "UPDATE t SET x = id * 10;\nINSERT INTO t VALUES (3, 'c', 30);\n");
        var lost = cli.run("stairway", "--dev-url", dev, "--data");
        assertThat(lost.code()).as(lost.toString()).isEqualTo(1);
        // the schema check comes first and passed: only the rows tell
        assertThat(lost.out()).contains("ok            r2", "irreversible  r3", "FAILED        r4",
                "Stairway failed at r4 (data): the downgrade of r4 does not restore the fixture rows",
                "    public.t: row missing after the downgrade: (1,a,10)");

        // nothing happened to the configured database
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void seed002TestingProcessRunsAsWritten() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("r1", null, "CREATE TABLE rules (id int PRIMARY KEY, name text);", "DROP TABLE rules;");
        cli.simple("r2", "r1", "ALTER TABLE rules ADD COLUMN priority int NOT NULL DEFAULT 5;",
                "ALTER TABLE rules DROP COLUMN priority;");
        // 2. Run migrations up to previous version
        var up1 = cli.run("upgrade", "head-1");
        assertThat(up1.code()).as(up1.toString()).isZero();
        assertThat(cli.run("current").out()).contains("r1");
        // 3. Load test data
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO rules VALUES (1, 'a'), (2, 'b')");
        }
        // 4. Run new migration; 5. verify
        assertThat(cli.run("upgrade", "head").code()).isZero();
        assertThat(rows("SELECT string_agg(id || ':' || priority, ',' ORDER BY id) FROM rules")).isEqualTo("1:5,2:5");
        // 6. Test rollback; 7. verify rollback
        assertThat(cli.run("downgrade", "-1").code()).isZero();
        assertThat(rows("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns"
                + " WHERE table_name = 'rules'")).isEqualTo("id,name");
        assertThat(rows("SELECT count(*) FROM rules")).isEqualTo("2");
    }

    private static String rows(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
