package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Real --json outputs of the commands, checked against the JSON Schemas published in docs/json-schema/. */
class JsonOutputTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static void conforms(String schema, String json) throws Exception {
        JsonNode value = SchemaCheck.parse(json);
        assertThat(SchemaCheck.violations(SchemaCheck.schema(schema), value)).as(schema + " for " + json).isEmpty();
        assertThat(value.get("format_version").asInt()).isEqualTo(Json.FORMAT_VERSION);
    }

    @Test
    void documentsMatchTheirSchemas() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("r1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        Path r2 = cli.simple("r2", "r1", "ALTER TABLE t ADD COLUMN x int;", "ALTER TABLE t DROP COLUMN x;");

        var pending = cli.run("check", "--json");
        assertThat(pending.code()).isEqualTo(3);
        conforms("check.schema.json", pending.out());
        var up = cli.run("upgrade", "head", "--json");
        assertThat(up.code()).as(up.toString()).isZero();
        conforms("run.schema.json", up.out());
        conforms("current.schema.json", cli.run("current", "--json").out());
        conforms("heads.schema.json", cli.run("heads", "--json").out());
        var down = cli.run("downgrade", "r1", "--json");
        conforms("run.schema.json", down.out());
        assertThat(SchemaCheck.parse(down.out()).get("steps").get(0).get("direction").asText()).isEqualTo("down");
        var rev = cli.run("revision", "-m", "third", "--rev-id", "r3", "--json");
        conforms("revision.schema.json", rev.out());

        Files.delete(Path.of(SchemaCheck.parse(rev.out()).get("file").asText()).isAbsolute()
                ? Path.of(SchemaCheck.parse(rev.out()).get("file").asText()) : dir.resolve(SchemaCheck.parse(rev.out()).get("file").asText()));
        assertThat(cli.run("upgrade", "head").code()).isZero();
        Files.writeString(r2, Files.readString(r2).replace("x int", "x bigint"));
        var mismatch = cli.run("check", "--json");
        assertThat(mismatch.code()).isEqualTo(1);
        conforms("check.schema.json", mismatch.out());
        assertThat(SchemaCheck.parse(mismatch.out()).get("checksum_mismatches").get(0).get("revision").asText())
                .isEqualTo("r2");
    }

    @Test
    void errorsUnderJsonAreOneJsonObjectOnStandardError() throws Exception {
        Cli cli = new Cli(dir, null);
        var badEnv = cli.run("--json", "--env", "production", "current");
        assertThat(badEnv.code()).isEqualTo(2);
        assertThat(badEnv.out()).isEmpty();
        assertThat(badEnv.err().strip()).doesNotContain("\n");
        conforms("error.schema.json", badEnv.err());
        assertThat(SchemaCheck.parse(badEnv.err()).get("error").asText()).isEqualTo("CONFIG_INVALID");

        var unknown = cli.runRaw("--json", "lnit");
        assertThat(unknown.code()).isEqualTo(2);
        conforms("error.schema.json", unknown.err());
        var badOption = cli.runRaw("upgrade", "--json", "--no-such-option");
        assertThat(badOption.code()).isEqualTo(2);
        conforms("error.schema.json", badOption.err());
        assertThat(SchemaCheck.parse(badOption.err()).get("error").asText()).isEqualTo("USAGE");
    }

    @Test
    void eventLinesStayOneLineWhateverTheTableName() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter w = new PrintWriter(err, true, StandardCharsets.UTF_8);
        Console console = new Console(new PrintWriter(new ByteArrayOutputStream()), w, true, false, false);
        console.event(new RunPrinter.BackfillEvent("backfill", "odd\"name\nwith a newline", 5000, 1, -1, 2500, 2000));
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.strip()).doesNotContain("\n");
        conforms("event.schema.json", text);
        assertThat(SchemaCheck.parse(text).get("table").asText()).isEqualTo("odd\"name\nwith a newline");
    }

    @Test
    void theCheckerRejectsWhatTheSchemaForbids() throws Exception {
        JsonNode schema = SchemaCheck.schema("run.schema.json");
        assertThat(SchemaCheck.violations(schema, SchemaCheck.parse("{\"format_version\":1,\"steps\":[{\"revision\":\"a\","
                + "\"direction\":\"sideways\",\"message\":\"m\"}]}"))).containsExactly("/steps/0/direction: \"sideways\" is"
                + " not one of [\"up\",\"down\"]");
        assertThat(SchemaCheck.violations(schema, SchemaCheck.parse("{\"steps\":{}}")))
                .contains("/format_version: required but missing").anyMatch(v -> v.startsWith("/steps: expected"));
    }
}
