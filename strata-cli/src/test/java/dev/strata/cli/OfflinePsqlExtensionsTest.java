package dev.strata.cli;

import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static dev.strata.cli.JavaSources.revision;
import static dev.strata.cli.OfflinePsqlTest.psql;
import static dev.strata.cli.OfflinePsqlTest.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TimescaleDB and pgvector ops of the sealed {@code ExtensionOp} hierarchy, offline (issue 9, item 9): the
 * {@code --sql} output of a revision adding with every one of them and of a later one removing with every one,
 * run through psql, ends where the online run ends, compared with {@code strata diff URL URL} (hypertables,
 * dimensions, chunk intervals, compression, policies, continuous aggregates and vector indexes are all in the
 * inspector's model), plus the policies' jobs, the rows and the version table. Against the real extensions:
 * fails on CI without them, skips elsewhere.
 */
class OfflinePsqlExtensionsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static final String ADD = revision("com.acme.ext", "R2_Add",
            "id = \"e2\", parents = {\"e1\"}, message = \"every extension op that adds\"",
            String.join("\n",
                    "        dev.strata.op.QualifiedName m = dev.strata.op.QualifiedName.of(\"metrics\");",
                    "        dev.strata.op.QualifiedName r = dev.strata.op.QualifiedName.of(\"readings\");",
                    "        dev.strata.op.QualifiedName d = dev.strata.op.QualifiedName.of(\"docs\");",
                    "        dev.strata.op.QualifiedName daily = dev.strata.op.QualifiedName.of(\"metrics_daily\");",
                    "        op.add(new dev.strata.op.ext.CreateHypertable(m, \"t\", \"7 days\", false, true, true));",
                    "        op.add(dev.strata.op.ext.CreateHypertable.of(r, \"t\", \"1 day\"));",
                    "        op.add(new dev.strata.op.ext.AddDimension(r, \"sensor\", 4, null));",
                    "        op.add(new dev.strata.op.ext.SetChunkInterval(m, \"1 day\", \"7 days\"));",
                    "        op.add(dev.strata.op.ext.SetCompression.of(m, java.util.List.of(\"device\"),",
                    "                java.util.List.of(dev.strata.op.ext.OrderColumn.desc(\"t\"))));",
                    "        op.add(new dev.strata.op.ext.AddCompressionPolicy(m, \"3650 days\"));",
                    "        op.add(new dev.strata.op.ext.AddRetentionPolicy(m, \"7300 days\"));",
                    "        op.add(new dev.strata.op.ext.CreateContinuousAggregate(daily, \"SELECT time_bucket(INTERVAL '1 day', t)"
                            + " AS day, device, avg(v) AS v FROM metrics GROUP BY 1, 2\", true));",
                    "        op.add(dev.strata.op.ext.CreateVectorIndex.hnsw(\"metrics_e_hnsw\", m, \"e\",",
                    "                dev.strata.op.ext.VectorOpclass.VECTOR_L2_OPS).withHypertable(true));",
                    "        op.add(dev.strata.op.ext.CreateVectorIndex.ivfflat(\"docs_e_ivf\", d, \"e\",",
                    "                dev.strata.op.ext.VectorOpclass.VECTOR_COSINE_OPS, 10));",
                    "        op.add(dev.strata.op.ext.CreateVectorIndex.ivfflat(\"docs_e_wait\", d, \"e\",",
                    "                dev.strata.op.ext.VectorOpclass.VECTOR_L2_OPS, 100).withDeferUntilRows(true));",
                    "        op.add(new dev.strata.op.ext.AddRefreshPolicy(daily, \"30 days\", \"1 day\", \"1 hour\"));",
                    "        op.add(new dev.strata.op.ext.AddReorderPolicy(m, \"metrics_t_idx\", null));"));

    private static final String REMOVE = revision("com.acme.ext", "R3_Remove",
            "id = \"e3\", parents = {\"e2\"}, message = \"every extension op that removes\"",
            String.join("\n",
                    "        dev.strata.op.QualifiedName m = dev.strata.op.QualifiedName.of(\"metrics\");",
                    "        dev.strata.op.QualifiedName daily = dev.strata.op.QualifiedName.of(\"metrics_daily\");",
                    "        op.add(new dev.strata.op.ext.RemoveReorderPolicy(m, null));",
                    "        op.add(new dev.strata.op.ext.RemoveRefreshPolicy(daily, null));",
                    "        op.add(new dev.strata.op.ext.DropContinuousAggregate(daily, null));",
                    "        op.add(new dev.strata.op.ext.RemoveRetentionPolicy(m, null));",
                    "        op.add(new dev.strata.op.ext.RemoveCompressionPolicy(m, null));",
                    "        op.add(new dev.strata.op.ext.DisableCompression(dev.strata.op.ext.SetCompression.of(m,",
                    "                java.util.List.of(\"device\"), java.util.List.of(dev.strata.op.ext.OrderColumn.desc(\"t\")))));",
                    "        dev.strata.op.ext.CreateVectorIndex hnsw = dev.strata.op.ext.CreateVectorIndex.hnsw(\"metrics_e_hnsw\",",
                    "                m, \"e\", dev.strata.op.ext.VectorOpclass.VECTOR_L2_OPS).withHypertable(true);",
                    "        op.add(new dev.strata.op.ext.DropVectorIndex(hnsw.qualifiedName(), hnsw, dev.strata.op.Mode.ONLINE));",
                    "        op.add(new dev.strata.op.ext.DropVectorIndex(dev.strata.op.QualifiedName.of(\"docs_e_ivf\"), null,",
                    "                dev.strata.op.Mode.ONLINE));"));

    @Test
    void offlineSqlOfEveryExtensionOpEndsWhereTheOnlineRunEnds() throws Exception {
        try (Connection c = db.connect()) {
            Extensions.requireAvailable(c, "timescaledb");
            Extensions.requireAvailable(c, "vector");
        }
        Files.writeString(dir.resolve("strata.toml"), "[strata]\njava_package = \"com.acme.ext\"\n"
                + "java_classpath = [\"build/classes\"]\n");
        Cli offline = new Cli(dir, "postgresql://nobody:pw@127.0.0.1:1/none");
        offline.simple("e1", null, "CREATE EXTENSION IF NOT EXISTS timescaledb;\nCREATE EXTENSION IF NOT EXISTS vector;\n"
                        + "CREATE TABLE metrics (t timestamptz NOT NULL, device int NOT NULL, v float8, e vector(3));\n"
                        + "INSERT INTO metrics SELECT TIMESTAMPTZ '2026-01-01 00:00+00' + g * INTERVAL '10 minutes', g % 4, g,"
                        + " ARRAY[g % 7, g % 5, g % 3]::vector FROM generate_series(1, 3000) g;\n"
                        + "CREATE TABLE readings (t timestamptz NOT NULL, sensor int NOT NULL, v float8);\n"
                        + "CREATE TABLE docs (id int PRIMARY KEY, e vector(3));\n"
                        + "INSERT INTO docs SELECT g, ARRAY[g % 7, g % 5, 1 + g % 3]::vector FROM generate_series(1, 1000) g;",
                "DROP TABLE docs;\nDROP TABLE readings;\nDROP TABLE metrics;");
        JavaSources.compile(dir.resolve("src"), dir.resolve("build/classes"),
                Map.of("com.acme.ext.R2_Add", ADD, "com.acme.ext.R3_Remove", REMOVE));
        String viaPsql = db.createDatabase();
        Cli online = new Cli(dir, db.jdbcUrl());
        Cli other = new Cli(dir, db.url(viaPsql));

        // base -> e2: every op that adds; then e2 -> e3: every op that removes
        for (String[] step : List.of(new String[] {"e2", "base:e2"}, new String[] {"head", "e2:head"})) {
            var printed = offline.run("upgrade", step[1], "--sql");
            assertThat(printed.code()).as(printed.toString()).isZero();
            Path script = dir.resolve("upgrade-" + step[0] + ".sql");
            Files.writeString(script, printed.out(), StandardCharsets.UTF_8);
            psql(db, viaPsql, script);
            var run = online.run("upgrade", step[0]);
            assertThat(run.code()).as(run.toString()).isZero();

            var diff = other.run("diff", db.url(viaPsql), db.jdbcUrl());
            assertThat(diff.code()).as(diff.toString()).isZero();
            assertThat(diff.out()).as("the schemas differ after " + step[1] + ":\n" + diff).isBlank();
            assertThat(diff.err()).as(diff.toString()).doesNotContain("not expressed").doesNotContain("unsupported");
            for (String q : List.of(
                    "SELECT string_agg(proc_name || ' ' || hypertable_name || ' ' || schedule_interval, ','"
                            + " ORDER BY proc_name, hypertable_name) FROM timescaledb_information.jobs WHERE job_id >= 1000",
                    "SELECT string_agg(hypertable_name || ' ' || column_name || ' ' || coalesce(time_interval::text, '')"
                            + " || ' ' || coalesce(num_partitions::text, ''), ',' ORDER BY 1) FROM timescaledb_information.dimensions",
                    "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public'",
                    "SELECT count(*) || ' ' || sum(v) FROM metrics",
                    "SELECT string_agg(revision, ',' ORDER BY revision) FROM strata_version")) {
                assertThat(scalar(db, viaPsql, q)).as(q).isEqualTo(scalar(db, db.name(), q));
            }
        }
        // the deferred build waited on both: 1,000 rows are fewer than 100 lists x 39
        assertThat(scalar(db, db.name(), "SELECT count(*) FROM pg_indexes WHERE indexname = 'docs_e_wait'")).isEqualTo("0");
        assertThat(scalar(db, viaPsql, "SELECT count(*) FROM pg_indexes WHERE indexname = 'docs_e_wait'")).isEqualTo("0");
    }
}
