package dev.strata.postgres;

import dev.strata.graph.Revision;
import dev.strata.op.QualifiedName;
import dev.strata.op.RawSql;
import dev.strata.op.Reversal;
import dev.strata.op.ext.CreateVectorIndex;
import dev.strata.op.ext.VectorOpclass;
import dev.strata.plan.Tx;
import dev.strata.run.DeferredBuilds;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.run.RunOptions;
import dev.strata.run.Runner;
import dev.strata.script.JavaMigrationScript;
import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IVFFlat index deferred until its table has lists × 39 rows: on an empty table the run reports it deferred
 * (a RunEvent) and goes on, it is pending work, and a later upgrade builds it CONCURRENTLY once the rows are
 * loaded; with per-op build settings. And a concurrent build's progress, read from a second session.
 */
class DeferredVectorBuildTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private static final QualifiedName DOCS = QualifiedName.of("public", "docs");

    @Test
    void deferredWhileTooFewRowsThenBuiltConcurrentlyByALaterUpgrade() throws Exception {
        try (Connection c = db.connect()) {
            Extensions.require(c, "vector");
        }
        CreateVectorIndex ivf = CreateVectorIndex.ivfflat("docs_embedding_ivfflat", DOCS, "embedding",
                VectorOpclass.VECTOR_L2_OPS, 2).withDeferUntilRows(true).withBuildSettings("128MB", 1);
        RawSql table = new RawSql("CREATE TABLE docs (id integer PRIMARY KEY, embedding vector(3))", "DROP TABLE docs",
                Tx.IN_TRANSACTION);
        JavaMigrationScript r1 = new JavaMigrationScript(Revision.of("r1"), "R1", true, List.of(table, ivf),
                Reversal.ofAll(List.of(table, ivf)), true, null);
        List<RunEvent> events = new ArrayList<>();
        try (JdbcTarget target = Targets.open(db)) {
            Runner runner = new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false),
                    events::add);
            runner.upgrade("head");
            assertThat(events).filteredOn(RunEvent.IndexDeferred.class::isInstance).singleElement()
                    .satisfies(e -> {
                        RunEvent.IndexDeferred d = (RunEvent.IndexDeferred) e;
                        assertThat(d.rows()).isZero();
                        assertThat(d.minRows()).isEqualTo(2 * 39);
                    });
            assertThat(indexes()).isZero();
            List<DeferredBuilds.Pending> pending = runner.deferredBuilds().pending();
            assertThat(pending).singleElement().satisfies(p -> {
                assertThat(p.index()).isEqualTo("\"public\".\"docs_embedding_ivfflat\"");
                assertThat(p.ready()).isFalse();
            });

            // too few rows: still deferred
            insert(40);
            events.clear();
            runner.upgrade("head");
            assertThat(indexes()).isZero();
            assertThat(events).anyMatch(RunEvent.IndexDeferred.class::isInstance);

            insert(40);
            events.clear();
            runner.upgrade("head");
            assertThat(events).anyMatch(RunEvent.DeferredIndexBuilt.class::isInstance);
            assertThat(indexes()).isEqualTo(1);
            assertThat(runner.deferredBuilds().pending()).isEmpty();
        }
    }

    @Test
    void aConcurrentBuildReportsItsProgressFromASecondSession() throws Exception {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            Extensions.require(c, "vector");
            s.execute("CREATE TABLE docs (id integer PRIMARY KEY, embedding vector(32))");
            s.execute("INSERT INTO docs SELECT g, (SELECT array_agg(random()) FROM generate_series(1, 32) d WHERE g > 0)::vector"
                    + " FROM generate_series(1, 20000) g");
        }
        CreateVectorIndex hnsw = CreateVectorIndex.hnsw("docs_hnsw", DOCS, "embedding", VectorOpclass.VECTOR_L2_OPS);
        var create = dev.strata.op.Renderer.render(hnsw).stream().filter(st -> st.sql().startsWith("CREATE INDEX"))
                .findFirst().orElseThrow();
        List<dev.strata.run.Target.IndexProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (JdbcTarget target = Targets.open(db).withIndexProgress(
                () -> PgConnections.open(PgUrl.parse(db.jdbcUrl()), null), Duration.ofMillis(50))) {
            target.runIndexBuild(create, seen::add);
        }
        assertThat(indexes("docs_hnsw")).isEqualTo(1);
        assertThat(seen).as("progress while building").isNotEmpty();
        assertThat(seen).extracting(dev.strata.run.Target.IndexProgress::phase).anyMatch(p -> p.startsWith("building index"));
    }

    @Test
    void aBuildNeedingMoreThanMaintenanceWorkMemIsWarnedAbout() throws Exception {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            Extensions.require(c, "vector");
            s.execute("CREATE TABLE docs (id integer PRIMARY KEY, embedding vector(32))");
            s.execute("INSERT INTO docs SELECT g, array_fill(0.5, ARRAY[32])::vector FROM generate_series(1, 20000) g");
            s.execute("ANALYZE docs");
        }
        // 20,000 rows x (8 + 4 x 32) x 1.3 = about 3.4 MB, more than the 1 MB the op sets
        CreateVectorIndex hnsw = CreateVectorIndex.hnsw("docs_hnsw", DOCS, "embedding", VectorOpclass.VECTOR_L2_OPS)
                .withBuildSettings("1MB", 0);
        JavaMigrationScript r1 = new JavaMigrationScript(Revision.of("r1"), "R1", true, List.of(hnsw),
                Reversal.ofAll(List.of(hnsw)), true, null);
        List<RunEvent> events = new ArrayList<>();
        try (JdbcTarget target = Targets.open(db)) {
            new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false), events::add)
                    .upgrade("head");
        }
        assertThat(indexes("docs_hnsw")).isEqualTo(1);
        assertThat(events).filteredOn(RunEvent.Warning.class::isInstance).singleElement()
                .extracting(e -> ((RunEvent.Warning) e).message()).asString()
                .contains("docs_hnsw").contains("maintenance_work_mem = 1MB");
    }

    /**
     * Issue 8: a SQL revision defers an IVFFlat build with {@code -- strata:defer-until-rows}; the revision stays
     * transactional (its DDL and bookkeeping commit together), the build is pending work, and a later upgrade builds
     * it CONCURRENTLY once the table has lists x 39 rows.
     */
    @Test
    void aSqlRevisionDefersItsIvfflatBuildAndStaysTransactional() throws Exception {
        try (Connection c = db.connect()) {
            Extensions.require(c, "vector");
        }
        var r1 = dev.strata.script.ScriptParser.parse("migrations/r1.sql", String.join("\n",
                "-- strata:revision r1",
                "-- strata:upgrade",
                "CREATE TABLE docs (id integer PRIMARY KEY, embedding vector(3));",
                "-- strata:defer-until-rows",
                "CREATE INDEX docs_embedding_ivfflat ON docs USING ivfflat (embedding vector_l2_ops) WITH (lists = 2);",
                "CREATE TABLE after_the_index (id int);",
                "-- strata:downgrade",
                "DROP TABLE after_the_index;",
                "DROP TABLE docs;", ""));
        assertThat(r1.transactional()).isTrue();
        List<RunEvent> events = new ArrayList<>();
        try (JdbcTarget target = Targets.open(db)) {
            Runner runner = new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false),
                    events::add);
            runner.upgrade("head");
            assertThat(events).filteredOn(RunEvent.IndexDeferred.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((RunEvent.IndexDeferred) e).minRows()).isEqualTo(78));
            assertThat(indexes()).isZero();
            assertThat(runner.deferredBuilds().pending()).singleElement()
                    .satisfies(p -> assertThat(p.index()).isEqualTo("docs_embedding_ivfflat"));
            try (Connection c = db.connect()) {
                assertThat(Targets.scalar(c, "SELECT to_regclass('after_the_index') IS NOT NULL")).isEqualTo("t");
                assertThat(Targets.scalar(c, "SELECT string_agg(status || ' ' || statements_run || '/'"
                        + " || statements_total, ',') FROM strata_history")).isEqualTo("ok 3/3");
            }
            insert(80);
            events.clear();
            runner.upgrade("head");
            assertThat(events).anyMatch(RunEvent.DeferredIndexBuilt.class::isInstance);
            assertThat(indexes()).isEqualTo(1);
            assertThat(runner.deferredBuilds().pending()).isEmpty();

            // a build that failed part way leaves an INVALID index: still pending, dropped and built again
            try (Connection c = db.connect(); var s = c.createStatement()) {
                s.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'docs_embedding_ivfflat'::regclass");
            }
            assertThat(runner.deferredBuilds().pending()).hasSize(1);
            events.clear();
            runner.upgrade("head");
            assertThat(events).anyMatch(RunEvent.InvalidIndexDropped.class::isInstance)
                    .anyMatch(RunEvent.DeferredIndexBuilt.class::isInstance);
            try (Connection c = db.connect()) {
                assertThat(Targets.scalar(c, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'docs_embedding_ivfflat'::regclass"))
                        .isEqualTo("t");
            }
        }
    }

    /**
     * Issue 8: vector indexes on a TimescaleDB hypertable (which refuses CONCURRENTLY) with rows in a compressed
     * and an uncompressed chunk: online builds go per chunk, drops are plain, and a deferred IVFFlat build (Java op
     * and SQL directive) is built per chunk by a later upgrade.
     */
    @Test
    void vectorIndexesOnAHypertableWithACompressedChunk() throws Exception {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            Extensions.require(c, "timescaledb");
            Extensions.require(c, "vector");
            s.execute("CREATE TABLE metrics (t timestamptz NOT NULL, id int NOT NULL, e vector(3))");
            s.execute("SELECT create_hypertable('metrics', 't', chunk_time_interval => INTERVAL '1 day')");
            s.execute("INSERT INTO metrics SELECT TIMESTAMPTZ '2026-01-01' + g * INTERVAL '1 minute', g % 10,"
                    + " ARRAY[g % 7, g % 5, g % 3]::vector FROM generate_series(1, 2000) g");
            s.execute("ALTER TABLE metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'id')");
            s.execute("SELECT compress_chunk(ch, if_not_compressed => true) FROM show_chunks('metrics') ch"
                    + " ORDER BY ch LIMIT 1");
        }
        QualifiedName metrics = QualifiedName.of("public", "metrics");
        CreateVectorIndex hnsw = CreateVectorIndex.hnsw("metrics_e_hnsw", metrics, "e", VectorOpclass.VECTOR_L2_OPS)
                .withHypertable(true).withBuildSettings("64MB", null);
        CreateVectorIndex ivf = CreateVectorIndex.ivfflat("metrics_e_ivf", metrics, "e", VectorOpclass.VECTOR_COSINE_OPS, 30)
                .withHypertable(true).withDeferUntilRows(true);
        assertThat(dev.strata.op.Renderer.render(hnsw)).extracting(dev.strata.plan.Statement::sql)
                .anyMatch(q -> q.contains("WITH (timescaledb.transaction_per_chunk)")).noneMatch(q -> q.contains("CONCURRENTLY"));
        JavaMigrationScript r1 = new JavaMigrationScript(Revision.of("r1"), "R1", true, List.of(hnsw, ivf),
                Reversal.ofAll(List.of(hnsw, ivf)), true, null);
        var r2 = dev.strata.script.ScriptParser.parse("migrations/r2.sql", String.join("\n",
                "-- strata:revision r2",
                "-- strata:parents r1",
                "-- strata:upgrade",
                "-- strata:defer-until-rows",
                "CREATE INDEX metrics_e_sql ON metrics USING ivfflat (e vector_l2_ops)"
                        + " WITH (timescaledb.transaction_per_chunk, lists = 60);",
                "-- strata:downgrade",
                "DROP INDEX IF EXISTS metrics_e_sql;", ""));
        List<RunEvent> events = new ArrayList<>();
        try (JdbcTarget target = Targets.open(db)) {
            Runner runner = new Runner(MigrationSet.of(List.of(r1, r2)), target,
                    new RunOptions(Duration.ZERO, "test", false), events::add);
            runner.upgrade("head");
            // 2,000 rows: enough for 30 lists (1,170), not for 60 (2,340)
            assertThat(indexes("metrics_e_hnsw")).isEqualTo(1);
            assertThat(indexes("metrics_e_ivf")).isEqualTo(1);
            assertThat(indexes("metrics_e_sql")).isZero();
            assertThat(runner.deferredBuilds().pending()).extracting(DeferredBuilds.Pending::index)
                    .containsExactly("metrics_e_sql");
            try (Connection c = db.connect(); var s = c.createStatement()) {
                s.execute("INSERT INTO metrics SELECT TIMESTAMPTZ '2026-01-03' + g * INTERVAL '1 minute', g % 10,"
                        + " ARRAY[g % 7, g % 5, g % 3]::vector FROM generate_series(1, 500) g");
            }
            runner.upgrade("head");
            assertThat(indexes("metrics_e_sql")).isEqualTo(1);
            try (Connection c = db.connect()) {
                assertThat(Targets.scalar(c, "SELECT bool_and(indisvalid) FROM pg_index WHERE indrelid = 'metrics'::regclass"))
                        .isEqualTo("t");
                // every chunk that holds rows uncompressed got the index
                assertThat(Targets.scalar(c, "SELECT count(*) FROM pg_indexes WHERE schemaname = '_timescaledb_internal'"
                        + " AND indexdef LIKE '%USING hnsw%'")).isNotEqualTo("0");
                assertThat(Targets.scalar(c, "SELECT count(*) FROM timescaledb_information.chunks"
                        + " WHERE hypertable_name = 'metrics' AND is_compressed")).isEqualTo("1");
            }
            runner.downgrade("base");
            assertThat(indexes("metrics_e_hnsw") + indexes("metrics_e_ivf") + indexes("metrics_e_sql")).isZero();
        }
    }

    /** Issue 8: the build-memory warning fires on a table that was never analyzed (reltuples = -1). */
    @Test
    void theMemoryWarningFiresOnANeverAnalyzedTable() throws Exception {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            Extensions.require(c, "vector");
            s.execute("CREATE TABLE docs (id integer PRIMARY KEY, embedding vector(32)) WITH (autovacuum_enabled = false)");
            s.execute("INSERT INTO docs SELECT g, array_fill(0.5, ARRAY[32])::vector FROM generate_series(1, 7000) g");
            assertThat(Targets.scalar(c, "SELECT reltuples FROM pg_class WHERE oid = 'docs'::regclass")).isEqualTo("-1");
        }
        // 7,000 rows x (8 + 4 x 32) x 1.3 = about 1.2 MB, more than the 1 MB the op sets; counted, not estimated
        CreateVectorIndex hnsw = CreateVectorIndex.hnsw("docs_hnsw", DOCS, "embedding", VectorOpclass.VECTOR_L2_OPS)
                .withBuildSettings("1MB", 0);
        JavaMigrationScript r1 = new JavaMigrationScript(Revision.of("r1"), "R1", true, List.of(hnsw),
                Reversal.ofAll(List.of(hnsw)), true, null);
        List<RunEvent> events = new ArrayList<>();
        try (JdbcTarget target = Targets.open(db)) {
            new Runner(MigrationSet.of(List.of(r1)), target, new RunOptions(Duration.ZERO, "test", false), events::add)
                    .upgrade("head");
        }
        assertThat(events).filteredOn(RunEvent.Warning.class::isInstance).singleElement()
                .extracting(e -> ((RunEvent.Warning) e).message()).asString()
                .contains("docs_hnsw needs at least").contains("maintenance_work_mem = 1MB");
    }

    private static void insert(int n) throws Exception {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.execute("INSERT INTO docs SELECT (SELECT coalesce(max(id), 0) FROM docs) + g,"
                    + " ARRAY[random(), random(), random()]::vector FROM generate_series(1, " + n + ") g");
        }
    }

    private static long indexes() throws Exception {
        return indexes("docs_embedding_ivfflat");
    }

    private static long indexes(String name) throws Exception {
        try (Connection c = db.connect(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = '" + name + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
