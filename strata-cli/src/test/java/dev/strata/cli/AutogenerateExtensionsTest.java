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
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000's schema with TimescaleDB and pgvector (Appendix C included) as a schema folder: autogenerate writes
 * one transactional revision that applies on an empty database, leaves nothing to diff, and downgrades back to
 * an empty database. Against the real extensions: fails on CI without them, skips elsewhere.
 */
class AutogenerateExtensionsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    /** The acceptance fixture of strata-postgres, the one copy of seed 000's schema with its extensions. */
    private static final Path SEED000 = Path.of("../strata-postgres/src/test/resources/fixtures/accept/seed000_extensions/after.sql");

    @TempDir
    Path dir;

    @Test
    void seed000SchemaFolderUpgradesReDiffsEmptyAndDowngradesToEmpty() throws Exception {
        try (Connection c = db.connect()) {
            Extensions.requireAvailable(c, "timescaledb");
            Extensions.requireAvailable(c, "vector");
        }
        Cli cli = new Cli(dir, db.jdbcUrl());
        Files.createDirectories(dir.resolve("schema"));
        Files.writeString(dir.resolve("strata.toml"), "[strata]\nschema_dir = \"schema\"\n");
        Files.writeString(dir.resolve("schema/000_seed.sql"), Files.readString(SEED000), StandardCharsets.UTF_8);

        Cli.Result gen = cli.run("revision", "--autogenerate", "-m", "baseline", "--dev-url", db.adminJdbcUrl());
        assertThat(gen.code()).as(gen.toString()).isZero();
        assertThat(gen.err()).as(gen.toString()).doesNotContain("not expressed");
        Path file;
        try (var s = Files.list(dir.resolve("migrations"))) {
            file = s.filter(p -> p.toString().endsWith(".sql")).findFirst().orElseThrow();
        }
        String text = Files.readString(file).replace("\"", "");
        assertThat(text).as(text).doesNotContain("strata:transactional false")
                .contains("SELECT create_hypertable('public.financial_metrics', 'metric_date',"
                        + " chunk_time_interval => INTERVAL '7 days', create_default_indexes => FALSE)")
                .contains("timescaledb.compress_segmentby")
                .contains("add_compression_policy").contains("add_retention_policy")
                .contains("CREATE MATERIALIZED VIEW public.metrics_monthly WITH (timescaledb.continuous)")
                .contains("-- strata:defer-until-rows\nCREATE INDEX idx_document_embedding ON public.documents USING"
                        + " ivfflat (embedding vector_cosine_ops) WITH (lists = 100);")
                .doesNotContain("financial_metrics_metric_date_idx");
        // the IVFFlat builds wait for rows (issue 8): nothing to report about them on the tables made empty here
        Cli.Result lint = cli.run("lint", file.toString());
        assertThat(lint.out() + lint.err()).as(lint.toString()).doesNotContain("SA300");

        Cli.Result up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat((up.out() + up.err()).replace("\"", "")).contains("index public.idx_document_embedding on public.documents deferred");
        Cli.Result current = cli.run("current");
        assertThat((current.out() + current.err()).replace("\"", "")).as(current.toString()).contains("deferred index public.idx_document_embedding");
        // pending work, not drift: the chain's replay has the index, the database builds it once it has rows
        Cli.Result check = cli.run("check", "--drift", "--dev-url", db.adminJdbcUrl());
        assertThat(check.code()).as(check.toString()).isZero();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO documents (title, embedding) SELECT 'd' || g,"
                    + " array_fill(g::float4 / 4000, ARRAY[1536])::vector FROM generate_series(1, 3900) g");
        }
        Cli.Result build = cli.run("upgrade", "head");
        assertThat(build.code()).as(build.toString()).isZero();
        assertThat((build.out() + build.err()).replace("\"", "")).contains("Built deferred index public.idx_document_embedding");
        assertThat(cli.run("check", "--drift", "--dev-url", db.adminJdbcUrl()).code()).isZero();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM documents");
        }

        Cli.Result down = cli.run("downgrade", "base");
        assertThat(down.code()).as(down.toString()).isZero();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(relname, ', ' ORDER BY relname) FROM pg_class"
                     + " WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'm', 'i', 'S', 'p')"
                     + " AND relname NOT LIKE 'strata\\_%'")) {
            rs.next();
            assertThat(rs.getString(1)).as("relations left in public after the downgrade").isNull();
        }
    }
}
