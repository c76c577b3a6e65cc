package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code strata lint}: selection of revisions, output formats, configuration and exit codes. */
class LintCommandTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Cli offlineProject() {
        Cli cli = new Cli(dir, null);
        cli.revision("a1.sql", "-- strata:revision a1\n-- strata:destructive the downgrade drops items\n"
                + "-- strata:upgrade\nCREATE TABLE items (id bigint PRIMARY KEY, sku text);\n"
                + "-- strata:downgrade\nDROP TABLE items;\n");
        cli.simple("b2", "a1", "CREATE INDEX items_sku ON items (sku);",
                "-- strata:allow SA002 items is tiny\nDROP INDEX items_sku;");
        return cli;
    }

    @Test
    void textFindingsAndExit4WithoutADatabase() {
        Cli cli = offlineProject();
        Cli.Result r = cli.run("lint", "--static");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.LINT);
        assertThat(r.out()).contains("migrations/b2.sql:6: error SA001 require-concurrent-index-creation: builds index "
                + "items_sku on existing table items without CONCURRENTLY")
                .contains("does:    SHARE lock on items (blocks writes); builds an index")
                .contains("instead: Build it with CREATE INDEX CONCURRENTLY")
                .contains("migrations/b2.sql:10: suppressed SA002 require-concurrent-index-deletion (items is tiny)");
        assertThat(r.err()).contains("no database URL is configured: linting all revisions (offline)")
                .contains("lint: static only: --static")
                .contains("2 revision(s) linted: 1 finding(s), 1 at or above error, 1 suppressed.");
        assertThat(r.out()).doesNotContain("a1.sql");
    }

    @Test
    void jsonSarifAndGithubAnnotations() throws Exception {
        Cli cli = offlineProject();
        JsonNode json = new ObjectMapper().readTree(cli.run("--json", "lint", "--no-observe").out());
        assertThat(json.get("mode").asText()).isEqualTo("static only: --no-observe");
        assertThat(json.get("failing").asInt()).isEqualTo(1);
        assertThat(json.get("findings").get(0).get("rule").asText()).isEqualTo("SA001");
        assertThat(json.get("findings").get(0).get("lock").asText()).isEqualTo("SHARE");
        assertThat(json.get("findings").get(0).get("blocks_writes").asBoolean()).isTrue();
        assertThat(json.get("suppressions")).hasSize(1);

        Cli.Result sarif = cli.run("lint", "--static", "--format", "sarif");
        JsonNode log = new ObjectMapper().readTree(sarif.out());
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = log.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("strata");
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules.size()).isGreaterThanOrEqualTo(60);
        assertThat(rules.get(0).has("helpUri")).isFalse();
        assertThat(rules.get(0).get("help").get("markdown").asText()).startsWith("**Instead:**");
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("ruleId").asText()).isEqualTo("SA001");
        assertThat(result.get("message").get("text").asText()).isNotEmpty();
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt())
                .isEqualTo(6);
        assertThat(run.get("results").get(1).get("suppressions").get(0).get("kind").asText()).isEqualTo("inSource");

        cli.env.put("GITHUB_ACTIONS", "true");
        assertThat(cli.run("lint", "--static").out()).contains("::error file=migrations/b2.sql,line=6,title=SA001 "
                + "require-concurrent-index-creation::builds index items_sku");
    }

    @Test
    void configurationTurnsRulesOffAndMovesTheFailingSeverity() throws Exception {
        Cli cli = offlineProject();
        Files.writeString(dir.resolve("strata.toml"), "[lint]\nobserve = \"off\"\n[lint.rules]\nSA001 = \"off\"\n");
        assertThat(cli.run("lint").code()).isEqualTo(ExitCode.OK);
        Files.writeString(dir.resolve("strata.toml"), "[lint]\nobserve = \"off\"\nfail_on = \"warning\"\n[lint.rules]\nSA001 = \"warning\"\n");
        assertThat(cli.run("lint").code()).isEqualTo(ExitCode.LINT);
        assertThat(cli.run("lint", "--fail-on", "error").err()).contains("lint: static only: [lint] observe = \"off\"");
        assertThat(cli.run("lint", "--fail-on", "error").code()).isEqualTo(ExitCode.OK);
        Files.writeString(dir.resolve("strata.toml"), "[lint.rules]\nSA0001 = \"off\"\n");
        Cli.Result bad = cli.run("lint");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("strata.toml [lint.rules]: unknown lint rule 'SA0001'");
        Files.writeString(dir.resolve("strata.toml"), "[lint]\nobserve = \"maybe\"\n");
        assertThat(cli.run("lint").err()).contains("[lint] observe must be \"auto\" or \"off\"");
        Files.writeString(dir.resolve("strata.toml"), "[lint]\nfail_on = \"fatal\"\n");
        assertThat(cli.run("lint").err()).contains("[lint] fail_on is \"fatal\"");
    }

    @Test
    void defaultIsThePendingRevisionsOfTheConfiguredDatabase() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE items (id bigint PRIMARY KEY, sku text);\nCREATE INDEX items_id ON items (id);",
                "-- strata:allow SA033 development data only\nDROP TABLE items;");
        cli.simple("b2", "a1", "CREATE INDEX items_sku ON items (sku);", "DROP INDEX IF EXISTS items_sku;");
        assertThat(cli.run("upgrade", "a1").code()).isZero();
        Cli.Result small = cli.run("lint", "--static");
        assertThat(small.code()).as("size-aware: an index build on an empty table is a warning").isEqualTo(ExitCode.OK);
        assertThat(small.out()).contains("b2.sql:6: warning SA001").contains("size:    ~0 rows");
        rows(20_000);
        Cli.Result r = cli.run("lint", "--static");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.LINT);
        assertThat(r.out()).contains("b2.sql:6: error SA001").contains("size:    ~20,000 rows").doesNotContain("a1.sql");
        assertThat(r.err()).contains("1 revision(s) linted");
        Cli.Result one = cli.run("lint", "a1", "--static");
        assertThat(one.code()).as(one.toString()).isEqualTo(ExitCode.OK);
        assertThat(cli.run("lint", "--all", "--static").err()).contains("2 revision(s) linted");
    }

    @Test
    void upgradeLintsFirstAndRefusesFailingFindingsUnlessAllowed() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE items (id bigint PRIMARY KEY, sku text);", "DROP TABLE items;");
        cli.simple("b2", "a1", "CREATE INDEX items_sku ON items (sku);", "DROP INDEX IF EXISTS items_sku;");
        assertThat(cli.run("upgrade", "a1").code()).isZero();
        rows(20_000);  // size-aware: the same build on an empty table would only warn
        Cli.Result refused = cli.run("upgrade", "head");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCode.LINT);
        assertThat(refused.err()).contains("b2.sql:6: error SA001")
                .contains("upgrade refused before running anything: 1 lint finding(s) at or above error (SA001)");
        assertThat(cli.run("current").out()).contains("a1");

        Cli.Result sql = cli.run("upgrade", "a1:head", "--sql");
        assertThat(sql.code()).isZero();
        assertThat(sql.out()).startsWith("-- lint: migrations/b2.sql:6 error SA001 require-concurrent-index-creation:");

        Cli.Result allowed = cli.run("upgrade", "head", "--allow", "require-concurrent-index-creation");
        assertThat(allowed.code()).as(allowed.toString()).isZero();
        assertThat(cli.run("current").out()).contains("b2");
        assertThat(cli.run("upgrade", "head", "--allow", "SA0001").err()).contains("--allow: unknown lint rule 'SA0001'");
    }

    /** {@code n} rows in items, never analyzed (the size is counted). */
    private static void rows(int n) throws Exception {
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO items SELECT g, 'sku' || g FROM generate_series(1, " + n + ") g");
        }
    }

    @Test
    void observedAnalysisConfirmsFindingsInTextJsonAndSarif() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        Files.writeString(dir.resolve("strata.toml"), "[strata]\ndev_url = \"" + db.adminJdbcUrl() + "\"\n");
        cli.simple("a1", null, "CREATE TABLE items (id bigint PRIMARY KEY, sku text);", "DROP TABLE items;");
        cli.simple("b2", "a1", "CREATE INDEX items_sku ON items (sku);\nALTER TABLE items ADD COLUMN note text;",
                "DROP INDEX IF EXISTS items_sku;");
        assertThat(cli.run("upgrade", "a1").code()).isZero();
        rows(20_000);

        Cli.Result text = cli.run("lint");
        assertThat(text.code()).as(text.toString()).isEqualTo(ExitCode.LINT);
        assertThat(text.out()).contains("b2.sql:6: error SA001")
                .contains("observed: confirmed: SHARE on public.items; no rewrite; created public.items_sku")
                .contains("b2.sql:7: info SA950 observed-blocking-lock: took ACCESS EXCLUSIVE on public.items");
        assertThat(text.err()).contains("linted and observed").contains("2 confirmed, 0 contradicted by observation")
                .contains("lint: observed on a scratch database on the dev_url server");
        assertThat(text.out()).contains("    changed: create index items_sku on public.items")
                .contains("    changed: add column note to public.items");

        String json = cli.run("--json", "lint").out();
        SchemaCheck.violations(SchemaCheck.schema("lint.schema.json"), SchemaCheck.parse(json))
                .forEach(v -> org.assertj.core.api.Assertions.fail(v));
        JsonNode doc = new ObjectMapper().readTree(json);
        assertThat(doc.get("observed").asBoolean()).isTrue();
        JsonNode first = doc.get("findings").get(0);
        assertThat(first.get("observation").asText()).isEqualTo("confirmed");
        assertThat(first.get("table_rows").asLong()).isEqualTo(20_000);
        assertThat(doc.get("observations").get(0).get("locks").get(0).get("mode").asText()).isEqualTo("SHARE");
        assertThat(doc.get("mode").asText()).isEqualTo("observed on a scratch database on the dev_url server");
        assertThat(doc.get("observations").get(0).get("changes_seen").asBoolean()).isTrue();
        assertThat(doc.get("observations").get(0).get("changes").get(0).get("op").asText()).isEqualTo("create_index");
        assertThat(doc.get("observations").get(1).get("changes").get(0).get("text").asText())
                .isEqualTo("add column note to public.items");
        assertThat(cli.run("--verbose", "lint").out()).contains("observed statements:")
                .contains("migrations/b2.sql:7: ACCESS EXCLUSIVE on public.items; no rewrite");

        JsonNode sarif = new ObjectMapper().readTree(cli.run("lint", "--format", "sarif").out());
        JsonNode props = sarif.get("runs").get(0).get("results").get(0).get("properties");
        assertThat(props.get("observation").asText()).isEqualTo("confirmed");
        assertThat(props.get("tableRows").asLong()).isEqualTo(20_000);
        assertThat(props.get("schemaChanges").get(0).asText()).isEqualTo("create index items_sku on public.items");

        JsonNode staticDoc = new ObjectMapper().readTree(cli.run("--json", "lint", "--static").out());
        assertThat(staticDoc.get("observed").asBoolean()).isFalse();
        assertThat(staticDoc.get("findings").get(0).get("observation").asText()).isEqualTo("not_observed");
        assertThat(cli.run("lint", "--static", "--observe").err()).contains("--static and --observe contradict");
    }

    @Test
    void observesByDefaultOnTheEmbeddedPostgresqlWithoutADevUrl() {
        Cli cli = offlineProject();
        Cli.Result r = cli.run("lint");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.LINT);
        assertThat(r.err()).contains("lint: observed on a throw-away embedded PostgreSQL (no dev URL configured)")
                .contains("linted and observed");
        assertThat(r.out()).contains("observed: confirmed: SHARE on public.items")
                .contains("changed: create index items_sku on public.items");
    }

    @Test
    void withoutAScratchDatabaseItLintsStaticallyAndSaysWhy() {
        Cli cli = offlineProject();
        String nowhere = "postgresql://postgres@127.0.0.1:1/postgres?connectTimeout=2";
        Cli.Result r = cli.run("lint", "--dev-url", nowhere);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.LINT);
        assertThat(r.err()).contains("lint: static only: the observation could not run (")
                .contains("2 revision(s) linted: 1 finding(s)");
        assertThat(r.out()).contains("b2.sql:6: error SA001");
        Cli.Result explicit = cli.run("lint", "--observe", "--dev-url", nowhere);
        assertThat(explicit.code()).as(explicit.toString()).isNotIn(ExitCode.OK, ExitCode.LINT);
    }

    @Test
    void anExtensionTheScratchServerLacksStopsTheObservationNotTheLint() throws Exception {
        Cli cli = new Cli(dir, null);
        Files.writeString(dir.resolve("strata.toml"), "[strata]\ndev_url = \"" + db.adminJdbcUrl() + "\"\n");
        cli.simple("a1", null, "CREATE EXTENSION IF NOT EXISTS strata_no_such_extension;\n"
                + "CREATE TABLE items (id bigint PRIMARY KEY, sku text);", "DROP TABLE items;");
        cli.simple("b2", "a1", "CREATE INDEX items_sku ON items (sku);", "DROP INDEX IF EXISTS items_sku;");
        Cli.Result r = cli.run("lint");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.LINT);
        assertThat(r.err()).contains("lint: static only: the observation could not run (migrations/a1.sql: the scratch"
                + " server cannot install an extension the revisions use (").contains("strata_no_such_extension");
        assertThat(r.out()).contains("b2.sql:6: error SA001").doesNotContain("SA953");
    }

    @Test
    void theUpgradeGateObservesOnlyWhenConfigured() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE items (id bigint PRIMARY KEY, sku text);", "DROP TABLE items;");
        cli.simple("b2", "a1", "CREATE INDEX items_sku ON items (sku);", "DROP INDEX IF EXISTS items_sku;");
        assertThat(cli.run("upgrade", "a1").code()).isZero();
        rows(20_000);
        Cli.Result fast = cli.run("upgrade", "head");
        assertThat(fast.code()).as(fast.toString()).isEqualTo(ExitCode.LINT);
        assertThat(fast.err()).contains("b2.sql:6: error SA001").doesNotContain("observed:");
        Files.writeString(dir.resolve("strata.toml"), "[strata]\ndev_url = \"" + db.adminJdbcUrl()
                + "\"\n[lint]\nupgrade_observe = true\n");
        Cli.Result observed = cli.run("upgrade", "head");
        assertThat(observed.code()).as(observed.toString()).isEqualTo(ExitCode.LINT);
        assertThat(observed.err()).contains("observed: confirmed: SHARE on public.items");
    }

    @Test
    void upgradeGateCanBeTurnedOff() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE items (id bigint PRIMARY KEY, sku text);", "DROP TABLE items;");
        cli.simple("b2", "a1", "CREATE INDEX items_sku ON items (sku);", "DROP INDEX IF EXISTS items_sku;");
        Files.writeString(dir.resolve("strata.toml"), "[lint]\nupgrade = \"off\"\n");
        assertThat(cli.run("upgrade", "a1").code()).isZero();
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.code()).as(r.toString()).isZero();
    }
}
