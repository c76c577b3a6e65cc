package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The --json documents keep their field names and order (the engine's records, serialised by the CLI's mapper). */
class JsonFieldOrderTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static final List<String> REVISION = List.of("revision", "parents", "depends_on", "branch_labels", "message",
            "file", "is_head", "is_merge", "is_branch_point", "transactional", "irreversible", "destructive", "checksum");

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> plus(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    @Test
    void documentsKeepTheirFieldOrder() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("r1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        cli.simple("r2", "r1", "ALTER TABLE t ADD COLUMN x int;", "ALTER TABLE t DROP COLUMN x;");

        JsonNode check = SchemaCheck.parse(cli.run("check", "--json").out());
        assertThat(fields(check)).containsExactly("format_version", "up_to_date", "current", "heads", "pending",
                "unknown_applied", "needs_repair", "checksum_mismatches", "schema_drift", "database_drift",
                "deferred_indexes");
        assertThat(fields(check.get("pending").get(0))).containsExactly("revision", "message", "file");

        JsonNode up = SchemaCheck.parse(cli.run("upgrade", "r1", "--json").out());
        assertThat(fields(up)).containsExactly("format_version", "steps");
        assertThat(fields(up.get("steps").get(0))).containsExactly("revision", "direction", "message");

        JsonNode current = SchemaCheck.parse(cli.run("current", "--json").out());
        assertThat(fields(current)).containsExactly("format_version", "current", "pending", "deferred_indexes");
        assertThat(fields(current.get("current").get(0))).containsExactly("revision", "is_head", "message", "file");
        assertThat(current.get("pending").asInt()).isEqualTo(1);

        JsonNode heads = SchemaCheck.parse(cli.run("heads", "--json").out());
        assertThat(fields(heads.get("heads").get(0))).containsExactlyElementsOf(REVISION);

        JsonNode history = SchemaCheck.parse(cli.run("history", "-i", "--json").out());
        assertThat(fields(history)).containsExactly("format_version", "revisions");
        List<String> withCurrent = new ArrayList<>(REVISION);
        withCurrent.add(withCurrent.indexOf("transactional"), "is_current");
        assertThat(fields(history.get("revisions").get(1))).containsExactlyElementsOf(withCurrent);
        assertThat(history.get("revisions").get(1).get("is_current").asBoolean()).isTrue();
        assertThat(fields(SchemaCheck.parse(cli.run("history", "--json").out()).get("revisions").get(0)))
                .containsExactlyElementsOf(REVISION);

        JsonNode show = SchemaCheck.parse(cli.run("show", "r2", "--json").out());
        assertThat(fields(show)).containsExactlyElementsOf(plus(plus(List.of("format_version"), REVISION.toArray(
                new String[0])), "upgrade", "downgrade"));
        assertThat(fields(show.get("upgrade").get(0))).containsExactly("source", "transaction", "sql");

        JsonNode audit = SchemaCheck.parse(cli.run("history", "--applied", "--json").out());
        assertThat(fields(audit)).containsExactly("format_version", "history");
        assertThat(fields(audit.get("history").get(0))).containsExactly("id", "revision", "action", "message",
                "checksum", "started_at", "execution_ms", "applied_by", "client_addr", "tool_version", "status", "error",
                "statements_run", "statements_total", "details");
        assertThat(audit.get("history").get(0).get("started_at").isTextual()).isTrue();
        // details is the jsonb column as stored: PostgreSQL orders an object's keys (shorter first, then bytewise)
        assertThat(fields(audit.get("history").get(0).get("details"))).containsExactly("backfills", "relations",
                "duration_ms", "index_builds", "lock_retries", "lock_wait_ms", "rows_affected");

        JsonNode stamp = SchemaCheck.parse(cli.run("stamp", "r2", "--json").out());
        assertThat(fields(stamp)).containsExactly("format_version", "current");
        assertThat(stamp.get("current").get(0).asText()).isEqualTo("r2");
    }
}
