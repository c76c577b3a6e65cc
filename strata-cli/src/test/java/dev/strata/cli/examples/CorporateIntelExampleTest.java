package dev.strata.cli.examples;

import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import static dev.strata.cli.examples.ExampleProject.column;
import static dev.strata.cli.examples.ExampleProject.sql;
import static dev.strata.cli.examples.ExampleProject.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/corporate-intel (seed 000): the §5.2 CI flow on a fresh database with TimescaleDB and pgvector
 * (upgrade head, check, downgrade -1, upgrade head, history), then the schema it leaves: the twelve tables of
 * §1.1, the hypertable with compression, retention and the continuous aggregate, the ON DELETE rules of the
 * auth tables, and the IVFFlat indexes deferred on the empty tables and built by the upgrade after a data load.
 */
class CorporateIntelExampleTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void ciFlowThenDataLoadBuildsTheVectorIndexes() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            Extensions.requireAvailable(c, "timescaledb");
            Extensions.requireAvailable(c, "vector");
        }
        ExampleProject p = ExampleProject.copy("corporate-intel", dir, db.jdbcUrl());
        p.compileJava();
        String url = db.jdbcUrl();

        // pre-checks: connectivity, extensions, sessions, disk (every upgrade also runs them first)
        assertThat(p.ok("preflight").out()).contains("extensions");
        // §5.2: Test migration (upgrade)
        var up = p.ok("upgrade", "head");
        assertThat(up.err()).contains("Ran upgrade 20251002_096000 -> 20251002_097000")
                .contains("index \"public\".\"idx_document_embedding\" on \"public\".\"documents\" deferred:"
                        + " the table has 0 of the 3900 rows it needs");
        // Verify schema: pending nothing (the deferred builds are listed, the status stays 0)
        var check = p.run("check");
        assertThat(check.code()).as(check.toString()).isZero();
        // the live schema is what the chain's head produces (replayed on a scratch database), checksums match
        var verified = p.run("verify", "--dev-url", db.adminJdbcUrl());
        assertThat(verified.code()).as(verified.toString()).isZero();
        // Test rollback (downgrade -1, upgrade head)
        assertThat(p.ok("downgrade", "-1").err()).contains("Ran downgrade 20251002_097000 -> 20251002_096000");
        assertThat(p.ok("current").out()).contains("20251002_096000");
        p.ok("upgrade", "head");
        assertThat(p.ok("current").out()).contains("20251002_097000 (head)");
        // Generate migration report
        var history = p.ok("history", "--verbose");
        assertThat(history.out()).contains("20251002_090000").contains("Authentication: users, permissions, API keys, sessions");
        var applied = p.ok("history", "--applied");
        assertThat(applied.out()).contains("downgrade").contains("20251002_097000");

        assertThat(column(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'strata%'")).containsExactlyInAnyOrder(
                "companies", "sec_filings", "financial_metrics", "documents", "document_chunks", "analysis_reports",
                "market_intelligence", "users", "permissions", "user_permissions", "api_keys", "user_sessions");
        assertThat(value(url, "SELECT format('%s %s', h.compression_enabled, d.time_interval)"
                + " FROM timescaledb_information.hypertables h JOIN timescaledb_information.dimensions d"
                + " USING (hypertable_name) WHERE h.hypertable_name = 'financial_metrics'")).isEqualTo("t 7 days");
        assertThat(column(url, "SELECT proc_name || ' ' || hypertable_name FROM timescaledb_information.jobs"
                + " WHERE proc_name LIKE 'policy_%' AND hypertable_name IS NOT NULL")).contains("policy_compression financial_metrics",
                "policy_retention financial_metrics").anyMatch(j -> j.startsWith("policy_refresh_continuous_aggregate"));
        assertThat(value(url, "SELECT materialized_only::text FROM timescaledb_information.continuous_aggregates"
                + " WHERE view_name = 'metrics_monthly' AND hypertable_name = 'financial_metrics'")).isNotNull();
        assertThat(value(url, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'document_chunks'::regclass AND attname = 'embedding'")).isEqualTo("vector(1536)");

        // ON DELETE rules: a user's keys, sessions and grants go with them; a grantor's grants stay; a session outlives its key
        sql(url, "INSERT INTO users (id, email, username, hashed_password) VALUES"
                        + " ('00000000-0000-0000-0000-000000000001', 'a@x.io', 'a', 'h'),"
                        + " ('00000000-0000-0000-0000-000000000002', 'b@x.io', 'b', 'h')",
                "INSERT INTO permissions (id, name, resource, action) VALUES (1, 'reports.read', 'reports', 'read')",
                "INSERT INTO user_permissions (user_id, permission_id, granted_by) VALUES"
                        + " ('00000000-0000-0000-0000-000000000002', 1, '00000000-0000-0000-0000-000000000001')",
                "INSERT INTO api_keys (id, user_id, key_hash) VALUES"
                        + " ('00000000-0000-0000-0000-0000000000aa', '00000000-0000-0000-0000-000000000002', 'k')",
                "INSERT INTO user_sessions (user_id, api_key_id, expires_at) VALUES"
                        + " ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-0000000000aa', now())",
                "DELETE FROM api_keys", "DELETE FROM users WHERE username = 'a'");
        assertThat(value(url, "SELECT format('%s %s', granted_by IS NULL, (SELECT api_key_id IS NULL FROM user_sessions))"
                + " FROM user_permissions")).isEqualTo("t t");
        sql(url, "DELETE FROM users");
        assertThat(value(url, "SELECT (SELECT count(*) FROM user_permissions) + (SELECT count(*) FROM user_sessions)"))
                .isEqualTo("0");

        // The data load (the document ingestion), then the next upgrade builds the chunks' index; documents waits
        sql(url, "INSERT INTO companies (id, name) VALUES ('00000000-0000-0000-0000-0000000000c1', 'Chegg')",
                "INSERT INTO documents (id, company_id, title, document_type) VALUES"
                        + " ('00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-0000000000c1', '10-K', 'filing')",
                "INSERT INTO document_chunks (document_id, chunk_index, content, embedding)"
                        + " SELECT '00000000-0000-0000-0000-0000000000d1', g, 'chunk ' || g,"
                        + " (SELECT array_agg(random())::vector(1536) FROM generate_series(1, 1536) WHERE g > 0)"
                        + " FROM generate_series(1, 3900) g");
        var built = p.ok("upgrade", "head");
        assertThat(built.err()).contains("Built deferred index \"public\".\"idx_chunk_embedding\"")
                .contains("\"idx_document_embedding\" on \"public\".\"documents\" deferred: the table has 1 of the 3900");
        assertThat(column(url, "SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'idx_%embedding'"))
                .singleElement().asString().contains("idx_chunk_embedding").contains("ivfflat")
                .contains("vector_cosine_ops").contains("lists='100'");
        // ON DELETE CASCADE from companies down to the chunks
        sql(url, "DELETE FROM companies");
        assertThat(value(url, "SELECT count(*) FROM document_chunks")).isEqualTo("0");
    }
}
