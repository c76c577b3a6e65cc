package dev.strata.spring;

import com.example.Application;
import dev.strata.engine.Strata;
import dev.strata.error.StrataException;
import dev.strata.postgres.PgUrl;
import dev.strata.testkit.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The starter in real Spring Boot applications (the README's sample application, {@link Application}) against a
 * real PostgreSQL; this class runs once per Boot line (modules boot3 and boot4).
 */
class StarterTest {
    @RegisterExtension
    TestDatabase db = new TestDatabase();

    /** What the applications log to the console (Boot's console appender writes to System.out as it is then). */
    private final java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
    private java.io.PrintStream stdout;

    @org.junit.jupiter.api.BeforeEach
    void captureOutput() {
        stdout = System.out;
        java.io.PrintStream original = stdout;
        System.setOut(new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (output) {
                    output.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (output) {
                    output.write(b, off, len);
                }
            }
        }, true));
    }

    @org.junit.jupiter.api.AfterEach
    void restoreOutput() {
        System.setOut(stdout);
    }

    private ConfigurableApplicationContext start(String... extra) {
        return start(WebApplicationType.NONE, extra);
    }

    private ConfigurableApplicationContext start(WebApplicationType web, String... extra) {
        Map<String, String> args = new java.util.LinkedHashMap<>();
        args.put("spring.datasource.url", db.jdbcUrl());
        args.put("spring.datasource.username", PgUrl.parse(db.jdbcUrl()).user());
        args.put("spring.datasource.hikari.maximum-pool-size", "2");
        args.put("spring.datasource.hikari.minimum-idle", "1");
        args.put("spring.main.banner-mode", "off");
        for (String e : extra) {
            args.put(e.substring(2, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        return new SpringApplicationBuilder(Application.class).web(web)
                .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @Test
    void upgradesOnStartUpBeforeTheBeansThatUseTheSchema() throws Exception {
        System.out.println("Spring Boot " + SpringBootVersion.getVersion());
        try (ConfigurableApplicationContext app = start(WebApplicationType.SERVLET, "--server.port=0")) {
            // the sample's bean read the table in its constructor: JdbcTemplate waited for the upgrade
            assertThat(app.getBean(Application.Greetings.class).first).isEqualTo("hello (en)");
            assertThat(app.getBean(StrataMigrationInitializer.class).run().steps()).hasSize(2);

            StrataReport report = app.getBean(StrataEndpoint.class).revisions();
            assertThat(report.upToDate()).isTrue();
            assertThat(report.current()).containsExactly("0002");
            assertThat(report.applied()).extracting(StrataReport.Applied::revision).containsExactly("0001", "0002");
            assertThat(report.applied().get(0).checksum()).hasSize(64);
            assertThat(report.applied().get(0).executionMs()).isNotNull();
            assertThat(report.applied().get(0).appliedAt()).isNotNull();
            assertThat(report.pending()).isEmpty();

            assertThat(health(app)).containsEntry("status", "UP");

            // over HTTP, as exposed by the sample's application.properties
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/actuator/";
            String json = get(base + "strata");
            assertThat(json).contains("\"upToDate\":true").contains("\"revision\":\"0001\"")
                    .contains("\"checksum\":\"" + report.applied().get(0).checksum() + "\"")
                    .contains("\"executionMs\":").contains("\"pending\":[]");
            // the strata component (its keys are ordered differently by Boot 3 and 4)
            assertThat(get(base + "health")).containsPattern("\"strata\":\\{(\"status\":\"UP\"|\"details\":\\{[^}]*\\},\"status\":\"UP\")");

            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("strata.revisions.applied").tag("direction", "upgrade").functionCounter().count())
                    .isEqualTo(2);
            assertThat(meters.get("strata.run.duration").tag("direction", "upgrade").functionTimer().count())
                    .isEqualTo(1);
            assertThat(meters.get("strata.revisions.pending").gauge().value()).isZero();
        }
        // the run, logged through SLF4J by the engine's RunLogger
        assertThat(output.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("Strata: applied 0001 in").contains("Strata: applied 0002 in")
                .contains("Strata: applied 2 revision(s) in");

        // validate-only once migrated: starts, changes nothing
        try (ConfigurableApplicationContext app = start("--strata.validate-only=true")) {
            assertThat(app.getBean(StrataMigrationInitializer.class).run()).isNull();
            assertThat(app.getBean(Application.Greetings.class).first).isEqualTo("hello (en)");
            assertThat(health(app)).containsEntry("status", "UP");
        }
        assertThat(count("SELECT count(*) FROM strata_history WHERE action = 'upgrade'")).isEqualTo(2);
    }

    @Test
    void eightInstancesStartingAtOnceApplyEachRevisionOnce() throws Exception {
        int n = 8;
        // Boot's logging set-up is not safe for applications starting in parallel in one JVM (it is per process)
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<ConfigurableApplicationContext> apps = new CopyOnWriteArrayList<>();
        try {
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                started.add(pool.submit(() -> {
                    go.await();
                    ConfigurableApplicationContext app = start("--spring.application.name=instance",
                            "--logging.level.root=WARN", "--logging.level.dev.strata=INFO",
                            "--spring.main.lazy-initialization=true");
                    apps.add(app);
                    return app.getBean(Application.Greetings.class).first;
                }));
            }
            go.countDown();
            for (Future<String> f : started) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo("hello (en)");
            }
            int applied = apps.stream().mapToInt(a -> a.getBean(StrataMigrationInitializer.class).run().steps().size()).sum();
            assertThat(applied).isEqualTo(2);
        } finally {
            apps.forEach(ConfigurableApplicationContext::close);
            pool.shutdownNow();
            System.clearProperty("org.springframework.boot.logging.LoggingSystem");
        }
        assertThat(count("SELECT count(*) FROM strata_history WHERE action = 'upgrade'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM strata_history WHERE revision = '0001'")).isEqualTo(1);
    }

    @Test
    void validateOnlyPendingHealthBaselineAndMigrationUrl() throws Exception {
        // validate-only on a fresh database: start-up fails, nothing is created
        assertThatThrownBy(() -> start("--strata.validate-only=true"))
                .hasRootCauseInstanceOf(StrataException.class)
                .rootCause().hasMessageContaining("the database is not up to date: 2 pending revision(s) (0001, 0002)");
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tablename = 'greeting'")).isZero();

        // up to 0001 only, through a separate migration connection (strata.url/user): health DOWN, gauge 1
        PgUrl url = PgUrl.parse(db.jdbcUrl());
        try (ConfigurableApplicationContext app = start("--strata.target=0001", "--strata.url=" + url.jdbcUrl(),
                "--strata.user=" + url.user(), "--spring.main.lazy-initialization=true")) {
            // lazy: the sample's bean needs 0002, but the migration runs eagerly all the same
            Map<String, Object> health = health(app);
            assertThat(health).containsEntry("status", "DOWN");
            assertThat(health.get("details").toString()).contains("pending=[0002]");
            assertThat(app.getBean(MeterRegistry.class).get("strata.revisions.pending").gauge().value()).isEqualTo(1);
            assertThat(app.getBean(StrataEndpoint.class).revisions().pending()).extracting(p -> p.revision())
                    .containsExactly("0002");
        }

        // baseline-on-empty: a database with the 0001 table but no history gets 0001 recorded, then 0002 applied
        String other = db.createDatabase();
        try (Connection c = java.sql.DriverManager.getConnection(db.url(other)); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE greeting (id bigint PRIMARY KEY, text text NOT NULL)");
            st.execute("INSERT INTO greeting VALUES (1, 'hi')");
        }
        try (ConfigurableApplicationContext app = start("--spring.datasource.url=" + db.url(other),
                "--strata.baseline-on-empty=true")) {
            assertThat(app.getBean(StrataMigrationInitializer.class).baselined()).containsExactly("0001");
            assertThat(app.getBean(Application.Greetings.class).first).isEqualTo("hi (en)");
        }

        // a pending revision with a lint error (SA001: CREATE INDEX without CONCURRENTLY) stops start-up before it runs
        assertThatThrownBy(() -> start("--spring.datasource.url=" + db.url(other),
                "--strata.locations=classpath:db/strata,classpath:db/risky",
                "--strata.config=" + Path.of("..", "src", "test", "resources", "lint.toml").toAbsolutePath()))
                .rootCause().hasMessageContaining("upgrade refused before running anything: 1 lint finding(s)")
                .hasMessageContaining("SA001");
        try (Connection c = java.sql.DriverManager.getConnection(db.url(other)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM strata_history WHERE revision = '0003'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void saysSoWhenRevisionsAreThereButStrataDidNotRun() {
        try (ConfigurableApplicationContext app = start("--spring.autoconfigure.exclude="
                + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "--spring.main.allow-bean-definition-overriding=true",
                "--spring.main.lazy-initialization=true")) {
            assertThat(app.getBeansOfType(StrataMigrationInitializer.class)).isEmpty();
        }
        assertThat(output.toString(java.nio.charset.StandardCharsets.UTF_8)).containsOnlyOnce("Strata: revisions found in classpath:db/strata but no Strata"
                + " migration ran at start-up: there is no DataSource bean and no strata.url");
    }

    @Test
    void propertiesHaveMetadataAndTheReadmeShowsTheSample() throws Exception {
        String metadata = new String(getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (String p : List.of("strata.enabled", "strata.locations", "strata.target", "strata.url", "strata.user",
                "strata.password", "strata.schema", "strata.version-table", "strata.history-table", "strata.lock-wait",
                "strata.lock-timeout", "strata.validate-only", "strata.baseline-on-empty", "strata.baseline-revision")) {
            assertThat(metadata).as(p).contains("\"name\": \"" + p + "\"");
        }
        String readme = Files.readString(Path.of("..", "..", "README.md"));
        Path tests = Path.of("..", "src", "test");
        assertThat(readme).contains(Files.readString(tests.resolve("java/com/example/Application.java")));
        assertThat(readme).contains(Files.readString(tests.resolve("resources/application.properties")));
        assertThat(Strata.version()).isNotBlank();
    }

    private Map<String, Object> health(ConfigurableApplicationContext app) throws Exception {
        Object indicator = app.getBean("strataHealthIndicator");
        Object health = indicator.getClass().getMethod("health").invoke(indicator);
        Object status = health.getClass().getMethod("getStatus").invoke(health);
        Object details = health.getClass().getMethod("getDetails").invoke(health);
        return Map.of("status", status.getClass().getMethod("getCode").invoke(status), "details", details);
    }

    private static String get(String url) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
