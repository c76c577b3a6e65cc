package dev.strata.engine.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.strata.engine.Strata;
import dev.strata.engine.config.MonitorConfig;
import dev.strata.engine.report.VerifyReport;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.postgres.HistoryRow;
import dev.strata.testkit.TestDatabase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Verification sections, metrics (history details, Prometheus text file read by the Prometheus client's own parser,
 * OpenTelemetry spans in the SDK's in-memory exporter), alerts POSTed to a real local HTTP server, and strata verify:
 * one database, one run after another.
 */
class OperationsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private void revision(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db").resolve(name), text);
    }

    @Test
    void verifyMetricsSpansAlertsAndVerifyCommand() throws Exception {
        revision("001_items.sql", """
                -- strata:revision r001
                -- strata:message items with three rows
                -- strata:upgrade
                CREATE TABLE items (id int PRIMARY KEY, v int);
                INSERT INTO items SELECT g, g FROM generate_series(1, 3) g;
                CREATE INDEX items_v ON items (v);
                -- strata:downgrade
                DROP TABLE items;
                -- strata:verify
                SELECT count(*) = 3 FROM items;
                SELECT 1 / count(*) FROM items;
                """);
        revision("002_index.sql", """
                -- strata:revision r002
                -- strata:parents r001
                -- strata:transactional false
                -- strata:upgrade
                CREATE INDEX CONCURRENTLY items_id_v ON items (id, v);
                -- strata:downgrade
                DROP INDEX CONCURRENTLY items_id_v;
                -- strata:verify
                SELECT EXISTS (SELECT FROM pg_indexes WHERE indexname = 'items_id_v');
                """);
        revision("003_bad.sql", """
                -- strata:revision r003
                -- strata:parents r002
                -- strata:upgrade
                UPDATE items SET v = 0;
                -- strata:downgrade
                -- strata:verify
                SELECT bool_and(v > 0) FROM items;
                """);

        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        List<String> posts = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            posts.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try {
            Path prom = dir.resolve("textfile/strata.prom");
            // trust authentication ignores the password: it is there to prove it never reaches an output
            String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "password=s3cr3t-pw";
            MonitorConfig.Alerts alerts = new MonitorConfig.Alerts(Optional.of(Duration.ofMinutes(5)), true, true, true,
                    Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook")),
                    Duration.ofSeconds(5));
            Strata strata = Strata.configure().url(url).workingDir(dir).locations("db").devUrl(db.adminJdbcUrl())
                    .metricsFile(Path.of("textfile/strata.prom")).alerts(alerts).openTelemetry(otel).load();

            // 1. two revisions, each verified: one in its transaction, one after its concurrent build
            Strata.RunResult up = strata.upgrade("r002");
            assertThat(up.alerts()).isEmpty();
            assertThat(up.metrics().revisions()).hasSize(2);
            var r1 = up.metrics().revisions().get(0);
            assertThat(r1.rowsAffected()).isEqualTo(3);
            assertThat(r1.verify().passed()).isTrue();
            assertThat(r1.verify().statements()).isEqualTo(2);
            assertThat(r1.indexBuilds()).extracting(b -> b.index()).containsExactly("items_v");
            assertThat(r1.relations()).extracting(r -> r.relation()).contains("items", "items_v");
            var items = r1.relations().stream().filter(r -> r.relation().equals("items")).findFirst().orElseThrow();
            assertThat(items.bytesBefore()).isNull();
            assertThat(items.bytesAfter()).isPositive();
            var r2 = up.metrics().revisions().get(1);
            assertThat(r2.indexBuilds()).extracting(b -> b.index()).containsExactly("items_id_v");
            assertThat(r2.verify().passed()).isTrue();
            assertThat(r2.relations()).filteredOn(r -> r.relation().equals("items")).first()
                    .satisfies(r -> assertThat(r.bytesAfter()).isGreaterThan(r.bytesBefore()));

            List<HistoryRow> history = strata.history();
            assertThat(history).hasSize(2);
            JsonNode details = new ObjectMapper().readTree(history.get(0).details());
            assertThat(details.path("rows_affected").asLong()).isEqualTo(3);
            assertThat(details.path("verify").path("passed").asBoolean()).isTrue();
            assertThat(details.path("index_builds").get(0).path("index").asText()).isEqualTo("items_v");

            // the Prometheus text file, read by the Prometheus Python client's parser
            JsonNode parsed = PromParser.parse(prom);
            assertThat(PromParser.value(parsed, "strata_last_run_success", "direction", "upgrade")).isEqualTo(1.0);
            assertThat(PromParser.value(parsed, "strata_last_run_revisions", "direction", "upgrade")).isEqualTo(2.0);
            assertThat(PromParser.value(parsed, "strata_revision_rows_affected", "revision", "r001")).isEqualTo(3.0);
            assertThat(PromParser.value(parsed, "strata_revision_verification_passed", "revision", "r002")).isEqualTo(1.0);
            assertThat(PromParser.value(parsed, "strata_revision_relation_size_bytes", "relation", "items"))
                    .isPositive();
            assertThat(Files.list(prom.getParent())).extracting(p -> p.getFileName().toString())
                    .containsExactly("strata.prom");

            // spans: one for the run, one per revision, with the measurements
            List<SpanData> finished = spans.getFinishedSpanItems();
            assertThat(finished).extracting(SpanData::getName)
                    .containsExactlyInAnyOrder("strata upgrade", "strata revision", "strata revision");
            SpanData run = finished.stream().filter(s -> s.getName().equals("strata upgrade")).findFirst().orElseThrow();
            assertThat(finished).filteredOn(s -> s.getName().equals("strata revision"))
                    .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(run.getSpanId()));
            SpanData first = finished.stream().filter(s -> "r001".equals(s.getAttributes()
                    .get(AttributeKey.stringKey("strata.revision")))).findFirst().orElseThrow();
            assertThat(first.getAttributes().get(AttributeKey.longKey("strata.rows_affected"))).isEqualTo(3L);
            assertThat(first.getAttributes().get(AttributeKey.booleanKey("strata.verify.passed"))).isTrue();
            spans.reset();

            // strata verify: at r002 the chain head (r003) is pending
            VerifyReport pendingReport = strata.verify();
            assertThat(pendingReport.verified()).isFalse();
            assertThat(pendingReport.pending()).extracting(p -> p.revision()).containsExactly("r003");

            // 2. a verification that returns false: the revision is rolled back, recorded failed, alerts are sent
            assertThatThrownBy(() -> strata.upgrade("head")).isInstanceOfSatisfying(StrataException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
                assertThat(e.getMessage()).contains("r003").contains("003_bad.sql:7").contains("returned false")
                        .contains("rolled back");
            });
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT min(v) FROM items")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the UPDATE was rolled back").isEqualTo(1);
            }
            HistoryRow failed = strata.history().get(2);
            assertThat(failed.status().sql()).isEqualTo("failed");
            assertThat(new ObjectMapper().readTree(failed.details()).path("verify").path("passed").asBoolean()).isFalse();
            assertThat(strata.status().current()).containsExactly("r002");
            SpanData failedRun = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("strata upgrade"))
                    .findFirst().orElseThrow();
            assertThat(failedRun.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(PromParser.value(PromParser.parse(prom), "strata_last_run_success", "direction", "upgrade"))
                    .isEqualTo(0.0);

            assertThat(posts).hasSize(1);
            String post = posts.get(0);
            assertThat(post).startsWith("POST application/json ");
            JsonNode alert = new ObjectMapper().readTree(post.substring("POST application/json ".length()));
            assertThat(alert.path("format_version").asInt()).isEqualTo(1);
            assertThat(alert.path("alerts")).extracting(a -> a.path("condition").asText())
                    .containsExactly("verification_failure", "failure");
            assertThat(alert.path("run").path("error_code").asText()).isEqualTo("VERIFICATION_FAILED");
            assertThat(post).doesNotContain("s3cr3t-pw");

            // 3. a downgrade raises the downgrade alert
            Strata.RunResult down = strata.downgrade("r001");
            assertThat(down.alerts()).extracting(Alert::condition).containsExactly("downgrade");
            assertThat(posts).hasSize(2);

            // 4. strata verify: a change by hand is found; checksums are compared
            strata.upgrade("r002");
            VerifyReport ok = strata.verify();
            assertThat(ok.schemaDifferences()).isEmpty();
            assertThat(ok.checksumsChecked()).isEqualTo(2);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE items ADD COLUMN note text");
            }
            VerifyReport drifted = strata.verify();
            assertThat(drifted.schemaDifferences()).anySatisfy(d -> assertThat(d).contains("note"));
        } finally {
            server.stop(0);
            otel.close();
        }
    }

    @Test
    void timeLostToLocksAndRetriesAreMeasured() throws Exception {
        revision("001_busy.sql", "-- strata:revision l1\n-- strata:upgrade\nCREATE TABLE busy (id int);\n"
                + "-- strata:downgrade\nDROP TABLE busy;\n");
        revision("002_alter.sql", "-- strata:revision l2\n-- strata:parents l1\n-- strata:upgrade\n"
                + "ALTER TABLE busy ADD COLUMN x int;\n-- strata:downgrade\nALTER TABLE busy DROP COLUMN x;\n");
        dev.strata.engine.metrics.StrataMetrics meters = new dev.strata.engine.metrics.StrataMetrics();
        Strata strata = Strata.configure().url(db.jdbcUrl()).workingDir(dir).locations("db")
                .lockTimeout(Duration.ofMillis(100)).listener(meters).load();
        strata.upgrade("l1");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            }
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1200);
                    holder.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            Strata.RunResult r = strata.upgrade("head");
            release.join();
            var m = r.metrics().revisions().get(0);
            // attempts end after 100 ms; the pauses are 0.5 s, then 1 s: the third attempt finds the lock free
            assertThat(m.lockRetries()).isEqualTo(2);
            assertThat(m.lockWaitMs()).isBetween(1500L, m.durationMs());
            assertThat(r.metrics().lockRetries()).isEqualTo(2);
            // the same measurements reach Micrometer, for applications that embed Strata
            var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            meters.bindTo(registry);
            assertThat(registry.get("strata.revision.lock.retries").functionCounter().count()).isEqualTo(2);
            var wait = registry.get("strata.revision.lock.wait").functionTimer();
            assertThat(wait.count()).isEqualTo(1);
            assertThat(wait.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(1500);
        }
    }

    @Test
    void backfillRowsAndRateAndAJavaVerifyHook() throws Exception {
        revision("001_acc.sql", "-- strata:revision b001\n-- strata:upgrade\nCREATE TABLE acc (id int PRIMARY KEY, v int);\n"
                + "INSERT INTO acc SELECT g, g FROM generate_series(1, 12000) g;\n-- strata:downgrade\nDROP TABLE acc;\n");
        dev.strata.engine.metrics.StrataMetrics meters = new dev.strata.engine.metrics.StrataMetrics();
        Strata strata = Strata.configure().url(db.jdbcUrl()).workingDir(dir).locations("db")
                .javaPackage("dev.strata.engine.monitor.javarev").listener(meters).load();
        Strata.RunResult r = strata.upgrade("head");
        var m = r.metrics().revisions().get(1);
        assertThat(m.revision()).isEqualTo("b002");
        assertThat(m.backfills()).singleElement().satisfies(b -> {
            assertThat(b.rows()).isEqualTo(12000);
            assertThat(b.rowsPerSecond()).isPositive();
        });
        assertThat(m.rowsAffected()).isEqualTo(12000);
        assertThat(m.verify().passed()).isTrue();
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        meters.bindTo(registry);
        assertThat(registry.get("strata.revision.backfill.rows").functionCounter().count()).isEqualTo(12000);
        assertThat(registry.get("strata.revision.rows").functionCounter().count()).isEqualTo(24000);
        JsonNode details = new ObjectMapper().readTree(strata.history().get(1).details());
        assertThat(details.path("backfills").get(0).path("rows").asLong()).isEqualTo(12000);
    }
}
