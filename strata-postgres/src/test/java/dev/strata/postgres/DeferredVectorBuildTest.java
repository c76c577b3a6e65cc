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
