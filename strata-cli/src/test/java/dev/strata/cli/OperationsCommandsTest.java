package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verify sections, metrics files, alerts and {@code strata verify} on the command line: exit statuses, text and
 * --json against the published schemas, the webhook POST received by a real local HTTP server.
 */
class OperationsCommandsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static void conforms(String schema, String json) throws Exception {
        assertThat(SchemaCheck.violations(SchemaCheck.schema(schema), SchemaCheck.parse(json))).as(json).isEmpty();
    }

    @Test
    void verifySectionsMetricsAlertsAndVerify() throws Exception {
        List<String> posts = new CopyOnWriteArrayList<>();
        List<String> traces = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alerts", ex -> {
            posts.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        // an OTLP/HTTP receiver: the spans arrive as protobuf, whose strings are plain UTF-8 bytes
        server.createContext("/v1/traces", ex -> {
            traces.add(ex.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            Cli cli = new Cli(dir, db.jdbcUrl());
            cli.env.put("HOOK_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
            Files.writeString(dir.resolve("strata.toml"), """
                    [metrics]
                    file = "out/strata.prom"

                    [alerts]
                    revision_longer_than = "5min"
                    failure = true
                    downgrade = true
                    verification_failure = true
                    webhook = "${HOOK_URL}"
                    webhook_timeout = "5s"
                    """);
            cli.revision("r1.sql", """
                    -- strata:revision r1
                    -- strata:upgrade
                    CREATE TABLE t (id int PRIMARY KEY);
                    INSERT INTO t VALUES (1), (2);
                    -- strata:downgrade
                    DROP TABLE t;
                    -- strata:verify
                    SELECT count(*) = 2 FROM t;
                    """);
            cli.revision("r2.sql", """
                    -- strata:revision r2
                    -- strata:parents r1
                    -- strata:transactional false
                    -- strata:upgrade
                    ALTER TABLE t ADD COLUMN w int;
                    -- strata:downgrade
                    ALTER TABLE t DROP COLUMN w;
                    -- strata:verify
                    SELECT count(*) = 0 AS all_set FROM t WHERE w IS NULL;
                    """);

            // the standard OTEL_* variables turn the spans on, through the SDK's autoconfiguration
            cli.env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort());
            cli.env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            var up1 = cli.run("upgrade", "r1");
            assertThat(up1.code()).as(up1.toString()).isZero();
            assertThat(traces).singleElement().satisfies(t -> assertThat(t).startsWith("application/x-protobuf ")
                    .contains("strata upgrade").contains("strata revision").contains("r1"));
            cli.env.remove("OTEL_EXPORTER_OTLP_ENDPOINT");
            cli.env.remove("OTEL_EXPORTER_OTLP_PROTOCOL");
            assertThat(Files.readString(dir.resolve("out/strata.prom"))).contains("strata_last_run_success{")
                    .contains("revision=\"r1\"");
            assertThat(posts).isEmpty();

            // a non-transactional revision whose verification fails: its statement took effect, it is not applied
            var up2 = cli.run("upgrade", "head");
            assertThat(up2.code()).as(up2.toString()).isEqualTo(ExitCode.ALERT);
            assertThat(up2.err()).contains("error: upgrade of revision r2 failed at verification migrations/r2.sql:9:"
                    + " returned false (row 1, column all_set)").contains("strata upgrade --resume")
                    .contains("alert (verification_failure)").contains("alert (failure)");
            assertThat(posts).hasSize(1);
            conforms("alert.schema.json", posts.get(0));
            var check = cli.run("check");
            assertThat(check.out()).contains("needs repair r2");

            var audit = cli.run("history", "--applied", "--json");
            conforms("history-applied.schema.json", audit.out());
            JsonNode rows = SchemaCheck.parse(audit.out()).get("history");
            assertThat(rows.get(0).get("status").asText()).isEqualTo("partial");
            assertThat(rows.get(0).get("details").get("verify").get("passed").asBoolean()).isFalse();
            assertThat(rows.get(1).get("details").get("rows_affected").asInt()).isEqualTo(2);

            // fix the data, then --resume verifies again and records the revision
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE t SET w = 0");
            }
            var resumed = cli.run("upgrade", "--resume");
            assertThat(resumed.code()).as(resumed.toString()).isZero();
            var verbose = cli.run("history", "--applied", "--verbose");
            assertThat(verbose.out()).contains("verified").contains("rows 2").contains("t new -> ");

            var verify = cli.run("verify", "--dev-url", db.adminJdbcUrl());
            assertThat(verify.code()).as(verify.toString()).isZero();
            assertThat(verify.out()).contains("Verified: the database is at r2, 2 applied checksum(s) match");
            var verifyJson = cli.run("verify", "--json", "--dev-url", db.adminJdbcUrl());
            conforms("verify.schema.json", verifyJson.out());
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE INDEX t_w ON t (w)");
            }
            var drifted = cli.run("verify", "--dev-url", db.adminJdbcUrl());
            assertThat(drifted.code()).as(drifted.toString()).isEqualTo(ExitCode.PENDING);
            assertThat(drifted.out()).contains("schema differs (chain head -> database):").contains("t_w");

            // a downgrade is an alert condition; --metrics-file overrides [metrics] file
            var down = cli.run("downgrade", "r1", "--metrics-file", "other.prom");
            assertThat(down.code()).as(down.toString()).isEqualTo(ExitCode.ALERT);
            assertThat(down.err()).contains("alert (downgrade): downgrade to r1 reverted 1 revision(s): r2");
            assertThat(Files.readString(dir.resolve("other.prom"))).contains("direction=\"downgrade\"");
            assertThat(posts).hasSize(2);

            assertThat(cli.run("verify", "--help").out()).contains("Verify the database after an upgrade");

            Files.writeString(dir.resolve("strata.toml"), "[alerts]\nwebhok = \"http://x\"\n");
            var bad = cli.run("upgrade", "head");
            assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
            assertThat(bad.err()).contains("unknown key webhok in [alerts]; did you mean webhook?");
        } finally {
            server.stop(0);
        }
    }
}
