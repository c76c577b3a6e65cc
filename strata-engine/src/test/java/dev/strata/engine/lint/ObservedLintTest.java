package dev.strata.engine.lint;

import dev.strata.engine.Workspace;
import dev.strata.engine.config.ConfigLoader;
import dev.strata.graph.RevisionId;
import dev.strata.lint.Finding;
import dev.strata.lint.LintOptions;
import dev.strata.lint.LintReport;
import dev.strata.lint.Observation.Verdict;
import dev.strata.lint.Severity;
import dev.strata.lint.StatementObservation;
import dev.strata.run.RunListener;
import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observed analysis as {@code strata lint} runs it (chain replayed on a scratch database of the test server, sample
 * rows, one committed transaction per statement) over TimescaleDB and pgvector DDL, and size-aware severity in the
 * upgrade gate against the configured database.
 */
class ObservedLintTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Workspace workspace() throws Exception {
        Files.writeString(dir.resolve("strata.toml"), "[strata]\nmigrations = \"migrations\"\nurl = \"" + db.jdbcUrl()
                + "\"\ndev_url = \"" + db.adminJdbcUrl() + "\"\n");
        return new Workspace(new ConfigLoader.Inputs(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), dir), RunListener.NONE);
    }

    private void revision(String id, String parent, String upgrade) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/" + id + ".sql"), "-- strata:revision " + id + "\n"
                + (parent == null ? "" : "-- strata:parents " + parent + "\n") + "-- strata:upgrade\n" + upgrade
                + "\n-- strata:downgrade\n");
    }

    @Test
    void extensionDdlIsObservedAndJudged() throws Exception {
        try (Connection c = db.connect()) {
            Extensions.requireAvailable(c, "timescaledb");
            Extensions.requireAvailable(c, "vector");
        }
        revision("r1", null, "CREATE EXTENSION IF NOT EXISTS timescaledb;\nCREATE EXTENSION IF NOT EXISTS vector;\n"
                + "CREATE TABLE metrics (time timestamptz NOT NULL, device int, value double precision);\n"
                + "SELECT create_hypertable('metrics', 'time');\n"
                + "CREATE TABLE items (id bigint PRIMARY KEY, embedding vector(3));\n"
                + "CREATE TABLE readings (time timestamptz NOT NULL, v float8);");
        revision("r2", "r1", "CREATE INDEX items_embedding ON items USING hnsw (embedding vector_l2_ops);\n"
                + "SELECT create_hypertable('readings', 'time', migrate_data => true);\n"
                + "CREATE INDEX metrics_device ON metrics (device);\n"
                + "ALTER TABLE metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'device');\n"
                + "ALTER TABLE items ADD COLUMN note text;");
        try (Workspace ws = workspace()) {
            LintOptions options = LintGate.options(ws);
            List<RevisionId> r2 = List.of(new RevisionId("r2"));
            LintReport report = LintGate.observe(ws, LintGate.lint(ws, options, r2), options, r2, Optional.empty(),
                    Optional.empty());
            assertThat(report.observed()).isTrue();
            assertThat(verdict(report, "SA301")).isEqualTo(Verdict.CONFIRMED);  // SHARE on items
            assertThat(verdict(report, "SA200")).isEqualTo(Verdict.CONFIRMED);  // ACCESS EXCLUSIVE, rows moved
            assertThat(verdict(report, "SA202")).isEqualTo(Verdict.CONFIRMED);  // SHARE on the hypertable's chunks
            assertThat(report.findings()).filteredOn(f -> f.rule().id().equals("SA950"))
                    .extracting(Finding::table, f -> f.location().line())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("public.metrics", 7),
                            org.assertj.core.groups.Tuple.tuple("public.items", 8));
            StatementObservation hnsw = report.observations().get(0);
            assertThat(hnsw.created()).containsExactly("public.items_embedding");
            assertThat(hnsw.summary()).startsWith("SHARE on public.items; no rewrite");
            assertThat(report.observations().get(1).rewritten()).containsExactly("public.readings");
            // the schema change of each statement, as the differ's ops
            assertThat(hnsw.changesSeen()).isTrue();
            assertThat(hnsw.changes()).extracting(StatementObservation.SchemaChange::op)
                    .containsExactly("create_vector_index");
            assertThat(report.observations().get(1).changes()).extracting(StatementObservation.SchemaChange::op)
                    .containsExactly("create_hypertable");
            assertThat(report.observations().get(1).changeSummary()).contains("public.readings");
            assertThat(report.observations().get(2).changes()).extracting(StatementObservation.SchemaChange::op)
                    .containsExactly("create_index");
            assertThat(report.observations().get(3).changes()).extracting(StatementObservation.SchemaChange::op)
                    .containsExactly("set_compression");
            assertThat(report.observations().get(4).changeSummary()).isEqualTo("add column note to public.items");
        }
    }

    @Test
    void eachStatementRecordsItsSchemaChangeAndOnlyWhenItCouldHaveOne() throws Exception {
        revision("c1", null, "CREATE TABLE accounts (id bigint PRIMARY KEY, fullname text);");
        revision("c2", "c1", "ALTER TABLE accounts RENAME COLUMN fullname TO full_name;\n"
                + "UPDATE accounts SET full_name = 'x';\n"
                + "SELECT count(*) FROM accounts;\n"
                + "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                + "ALTER TABLE accounts ADD COLUMN email text, ADD CONSTRAINT accounts_email_key UNIQUE (email);\n"
                + "DO $$ BEGIN\n  CREATE INDEX accounts_name ON accounts (full_name);\n"
                + "  ALTER TABLE accounts ALTER COLUMN full_name SET NOT NULL;\nEND $$;\n"
                + "DROP TABLE accounts;");
        try (Workspace ws = workspace()) {
            LintOptions options = LintGate.options(ws);
            List<RevisionId> c2 = List.of(new RevisionId("c2"));
            List<StatementObservation> seen = LintGate.observe(ws, LintGate.lint(ws, options, c2), options, c2,
                    Optional.empty(), Optional.empty()).observations();
            assertThat(seen).hasSize(7);
            assertThat(seen.get(0).changes()).extracting(StatementObservation.SchemaChange::op)
                    .containsExactly("rename_column");
            assertThat(seen.get(1).changesSeen()).as("DML is not read").isFalse();
            assertThat(seen.get(2).changesSeen()).as("a SELECT that wrote nothing is not read").isFalse();
            assertThat(seen.get(3).changes()).extracting(StatementObservation.SchemaChange::text)
                    .singleElement().asString().contains("one");
            assertThat(seen.get(4).changes()).extracting(StatementObservation.SchemaChange::op)
                    .contains("add_column", "add_constraint");
            // a DO block of nothing but relation changes: the relations alone are read again
            assertThat(seen.get(5).changes()).extracting(StatementObservation.SchemaChange::op)
                    .hasSize(2).contains("create_index");
            assertThat(seen.get(6).changes()).extracting(StatementObservation.SchemaChange::op)
                    .containsExactly("drop_table");
        }
    }

    @Test
    void aRevisionThatDeallocatesTheSessionsPreparedStatementsIsStillObserved() throws Exception {
        // the probes after each statement and the sample rows' queries are prepared on the scratch session
        revision("p1", null, "CREATE TABLE parent (id int PRIMARY KEY);");
        revision("p2", "p1", "DEALLOCATE ALL;\nALTER TABLE parent ADD COLUMN note text;\n"
                + "CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));");
        revision("p3", "p2", "DEALLOCATE ALL;\nCREATE INDEX child_parent ON child (parent_id);");
        try (Workspace ws = workspace()) {
            LintOptions options = LintGate.options(ws);
            List<RevisionId> linted = List.of(new RevisionId("p2"), new RevisionId("p3"));
            List<StatementObservation> seen = LintGate.observe(ws, LintGate.lint(ws, options, linted), options,
                    linted, Optional.empty(), Optional.empty()).observations();
            assertThat(seen).hasSize(5).allMatch(o -> o.error() == null);
            assertThat(seen.get(1).locks()).extracting(StatementObservation.TableLock::table)
                    .containsExactly("public.parent");
            assertThat(seen.get(1).changeSummary()).isEqualTo("add column note to public.parent");
            assertThat(seen.get(2).created()).contains("public.child");
            assertThat(seen.get(4).created()).containsExactly("public.child_parent");
            assertThat(seen.get(4).changes()).extracting(StatementObservation.SchemaChange::op)
                    .containsExactly("create_index");
        }
    }

    @Test
    void aFailedConcurrentBuildIsReadForTheIndexItLeftBehind() throws Exception {
        revision("d1", null, "CREATE TABLE dup (v int);\nINSERT INTO dup VALUES (1), (1);");
        Files.writeString(dir.resolve("migrations/d2.sql"), "-- strata:revision d2\n-- strata:parents d1\n"
                + "-- strata:transactional false\n-- strata:upgrade\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY dup_v ON dup (v);\nALTER TABLE dup ADD COLUMN w int;\n"
                + "-- strata:downgrade\n");
        try (Workspace ws = workspace()) {
            LintOptions options = LintGate.options(ws);
            List<RevisionId> d2 = List.of(new RevisionId("d2"));
            List<StatementObservation> seen = LintGate.observe(ws, LintGate.lint(ws, options, d2), options, d2,
                    Optional.empty(), Optional.empty()).observations();
            assertThat(seen.get(0).error()).isNotNull();
            assertThat(seen.get(0).invalidIndexes()).containsExactly("public.dup_v");
            assertThat(seen.get(0).changesSeen()).isTrue();
            assertThat(seen.get(1).changes()).extracting(StatementObservation.SchemaChange::op)
                    .containsExactly("add_column");
        }
    }

    @Test
    void everyStatementsSchemaChangeIsReadUnlessConfiguredOff() throws Exception {
        // more statements than the 100 that observe_changes = "auto" once stopped at
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            many.append("CREATE TABLE t").append(i).append(" (id int);\n");
        }
        revision("m1", null, many.toString());
        List<RevisionId> m1 = List.of(new RevisionId("m1"));
        try (Workspace ws = workspace()) {
            LintOptions options = LintGate.options(ws);
            List<StatementObservation> seen = LintGate.observe(ws, LintGate.lint(ws, options, m1), options, m1,
                    Optional.empty(), Optional.empty()).observations();
            assertThat(seen).hasSize(101).allMatch(StatementObservation::changesSeen);
            assertThat(seen.get(7).changeSummary()).isEqualTo("create table public.t7");
        }
        Files.writeString(dir.resolve("strata.toml"), Files.readString(dir.resolve("strata.toml"))
                + "[lint]\nobserve_changes = false\n");
        try (Workspace ws = new Workspace(new ConfigLoader.Inputs(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), dir), RunListener.NONE)) {
            LintOptions options = LintGate.options(ws);
            List<StatementObservation> seen = LintGate.observe(ws, LintGate.lint(ws, options, m1), options, m1,
                    Optional.empty(), Optional.empty()).observations();
            assertThat(seen).hasSize(101).noneMatch(StatementObservation::changesSeen);
        }
    }

    @Test
    void sampleRowsCanBeCopiedFromADatabase() throws Exception {
        // generated rows cannot satisfy this CHECK, so without --sample-from the table stays empty on the scratch
        revision("q1", null, "CREATE TABLE tags (id int PRIMARY KEY, label text NOT NULL CHECK (label LIKE 'tag-%'));");
        revision("q2", "q1", "UPDATE tags SET label = 'x';");
        try (Workspace ws = workspace()) {
            dev.strata.engine.Runs.online(ws, dev.strata.graph.Direction.UP, "q1",
                    new dev.strata.engine.Runs.Options(null, false, false, false), RunListener.NONE);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO tags VALUES (1, 'tag-a'), (2, 'tag-b')");
            }
            LintOptions options = LintGate.options(ws);
            List<RevisionId> q2 = List.of(new RevisionId("q2"));
            LintReport generated = LintGate.observe(ws, LintGate.lint(ws, options, q2), options, q2, Optional.empty(),
                    Optional.empty());
            assertThat(generated.findings()).noneMatch(f -> f.rule().id().equals("SA953"));
            LintReport copied = LintGate.observe(ws, LintGate.lint(ws, options, q2), options, q2, Optional.empty(),
                    Optional.of(db.jdbcUrl()));
            assertThat(copied.findings()).filteredOn(f -> f.rule().id().equals("SA953")).extracting(Finding::what)
                    .singleElement().asString().contains("violates check constraint \"tags_label_check\"");
        }
    }

    private static Verdict verdict(LintReport report, String rule) {
        return report.findings().stream().filter(f -> f.rule().id().equals(rule)).findFirst().orElseThrow()
                .observation().verdict();
    }

    @Test
    void severityFollowsTheTableSize() throws Exception {
        revision("s1", null, "CREATE TABLE small (id bigint, code text);\nCREATE TABLE big (id bigint, code text);");
        revision("s2", "s1", "CREATE INDEX small_code ON small (code);\nCREATE INDEX big_code ON big (code);");
        try (Workspace ws = workspace()) {
            dev.strata.engine.Runs.online(ws, dev.strata.graph.Direction.UP, "s1",
                    new dev.strata.engine.Runs.Options(null, false, false, false), RunListener.NONE);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO small SELECT g, 'c' || g FROM generate_series(1, 50) g");
                s.execute("INSERT INTO big SELECT g, 'c' || g FROM generate_series(1, 20000) g");
                s.execute("ANALYZE small");  // big stays unanalyzed: its rows are counted
            }
            LintVerdict v = LintGate.check(ws, "head", List.of());
            Finding small = v.report().findings().stream().filter(f -> "small".equals(f.table())).findFirst().orElseThrow();
            Finding big = v.report().findings().stream().filter(f -> "big".equals(f.table())).findFirst().orElseThrow();
            assertThat(small.size().rows()).isEqualTo(50);
            assertThat(small.severity()).isEqualTo(Severity.WARNING);  // SA001 is an error rule: one level down
            assertThat(big.size().rows()).isEqualTo(20000);
            assertThat(big.size().bytes()).isGreaterThan(500_000);
            assertThat(big.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.failing()).extracting(Finding::table).containsExactly("big");
        }
    }
}
