package dev.strata.cli;

import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code strata baseline} on a real database with tables, foreign keys, a view, an enum, a materialized view, a
 * TimescaleDB hypertable with compression, and a pgvector index: the revision is written with an irreversible
 * downgrade and the database is stamped at it, nothing run; a second baseline and a baseline into an adopted
 * database are refused; the revision applied to an empty database rebuilds the same schema (diff empty).
 */
class BaselineTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static final String SCHEMA = """
            CREATE EXTENSION IF NOT EXISTS timescaledb;
            CREATE EXTENSION IF NOT EXISTS vector;
            CREATE TYPE account_status AS ENUM ('active', 'suspended', 'closed');
            CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE,
                status account_status NOT NULL DEFAULT 'active', created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE orders (id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id)
                ON DELETE CASCADE, total numeric(12, 2) NOT NULL CHECK (total >= 0));
            CREATE INDEX orders_account_idx ON orders (account_id);
            CREATE VIEW active_accounts AS SELECT id, email FROM accounts WHERE status = 'active';
            CREATE MATERIALIZED VIEW order_totals AS SELECT account_id, sum(total) AS total FROM orders GROUP BY account_id;
            CREATE UNIQUE INDEX order_totals_account ON order_totals (account_id);
            CREATE TABLE metrics (time timestamptz NOT NULL, account_id bigint NOT NULL, value double precision);
            SELECT create_hypertable('metrics', 'time', chunk_time_interval => INTERVAL '7 days');
            ALTER TABLE metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'account_id');
            CREATE TABLE documents (id bigserial PRIMARY KEY, body text, embedding vector(3));
            INSERT INTO documents (body, embedding) SELECT 'd' || g, ARRAY[g, g + 1, g + 2]::real[]::vector
                FROM generate_series(1, 20) g;
            CREATE INDEX documents_embedding_idx ON documents USING hnsw (embedding vector_cosine_ops);
            INSERT INTO accounts (email) VALUES ('a@example.com');
            CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);
            """;

    @Test
    void baselineWritesIrreversibleRevisionStampsAndRebuildsTheSchema() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            Extensions.require(c, "timescaledb");
            Extensions.require(c, "vector");
            s.execute(SCHEMA);
        }
        Cli cli = new Cli(dir, db.jdbcUrl());
        Cli.Result r = cli.run("baseline", "-m", "baseline current schema", "--rev-id", "001_baseline", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        var doc = SchemaCheck.parse(r.out());
        assertThat(SchemaCheck.violations(SchemaCheck.schema("baseline.schema.json"), doc)).isEmpty();
        assertThat(doc.get("stamped_at").asText()).isEqualTo("001_baseline");
        assertThat(doc.get("file").asText()).isEqualTo("migrations/001_baseline_current_schema.sql");
        assertThat(doc.get("not_expressed").size()).as(r.toString()).isZero();
        assertThat(doc.get("ops").toString()).contains("hypertable");
        Path file = dir.resolve("migrations/001_baseline_current_schema.sql");
        String text = Files.readString(file);
        assertThat(text).as(text).contains("-- strata:irreversible baseline of an existing database")
                .doesNotContain("-- strata:downgrade")
                .contains("CREATE TYPE").contains("account_status")
                .contains("create_hypertable").contains("timescaledb.compress_segmentby")
                .contains("CREATE MATERIALIZED VIEW").contains("USING hnsw")
                .contains("REFERENCES").contains("CREATE VIEW")
                .contains("-- Left out public.alembic_version: the version table of another migration tool")
                .doesNotContain("CREATE TABLE \"public\".\"alembic_version\"");

        Cli.Result current = cli.run("current");
        assertThat(current.out()).as(current.toString()).contains("001_baseline");
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the rows are untouched: nothing ran").isEqualTo(1);
        }
        Cli.Result down = cli.run("downgrade", "base");
        assertThat(down.code()).as(down.toString()).isEqualTo(2);
        assertThat(down.err()).contains("irreversible");

        // refused: the folder has revisions now
        Cli.Result again = cli.run("baseline");
        assertThat(again.code()).as(again.toString()).isEqualTo(2);
        assertThat(again.err().strip()).as(again.toString()).contains("already has 1 revision(s)")
                .contains("strata stamp").doesNotContain("\n").doesNotContain("Exception");
        // refused: the database has a Strata history (a new, empty folder)
        Cli.Result adopted = cli.run("--dir", "other", "baseline");
        assertThat(adopted.code()).as(adopted.toString()).isNotZero();
        assertThat(adopted.err().strip()).as(adopted.toString()).contains("already has a Strata history")
                .doesNotContain("\n");
        assertThat(dir.resolve("other")).doesNotExist();

        // the baseline on an empty database builds the same schema (Alembic's table aside)
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE alembic_version");
        }
        String fresh = db.url(db.createDatabase());
        Cli freshCli = new Cli(dir, fresh);
        Cli.Result up = freshCli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        Cli.Result diff = cli.run("diff", db.jdbcUrl(), fresh);
        assertThat(diff.code()).as(diff.toString()).isZero();
        assertThat(diff.out().strip()).as(diff.toString()).isEmpty();
        assertThat(diff.err()).as(diff.toString()).doesNotContain("not expressed");
        try (Connection c = java.sql.DriverManager.getConnection(fresh); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM timescaledb_information.hypertables"
                     + " WHERE hypertable_name = 'metrics' AND compression_enabled")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(List.of(file)).allMatch(Files::isRegularFile);
    }
}
