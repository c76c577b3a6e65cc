package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code strata import} of loose SQL files (seed 001's six files with duplicate prefixes and a _ROLLBACK file;
 * seed 003's versions/ with rollback/NNN_rollback.sql), a Flyway folder (numeric version order, undo files,
 * a repeatable, a callback; stamped from a real flyway_schema_history), golang-migrate pairs and dbmate
 * files: each imported folder upgrades an empty database to head and, where every revision has a downgrade,
 * downgrades it to base.
 */
class ImportTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static List<String> lines(String sql, String url) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void exec(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static final String RELATIONS = "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"
            + " AND relkind IN ('r', 'v', 'm') AND relname NOT LIKE 'strata\\_%' ORDER BY relname";

    private List<String> sqlFiles(String folder) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(folder))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
    }

    @Test
    void looseSqlFilesOfSeeds001And003() throws Exception {
        write("legacy/001_initial_schema.sql", """
                -- Forecastin initial schema
                BEGIN;
                CREATE EXTENSION IF NOT EXISTS ltree;
                CREATE TABLE entities (id bigserial PRIMARY KEY, name text NOT NULL, path ltree NOT NULL);
                CREATE INDEX entities_path_gist_idx ON entities USING gist (path);
                CREATE TABLE feature_flags (name text PRIMARY KEY, enabled boolean NOT NULL DEFAULT false);
                INSERT INTO feature_flags VALUES ('ff.map_layers', true);
                COMMIT;
                """);
        write("legacy/001_standardize_feature_flag_names.sql",
                "UPDATE feature_flags SET name = replace(name, 'ff.', 'ff_');\n");
        write("legacy/001_standardize_feature_flag_names_ROLLBACK.sql",
                "UPDATE feature_flags SET name = replace(name, 'ff_', 'ff.');\n");
        write("legacy/002_ml_ab_testing_framework.sql", """
                CREATE TABLE ab_tests (id bigserial PRIMARY KEY, name text NOT NULL, variant text);
                CREATE FUNCTION ab_variant(n text) RETURNS text LANGUAGE plpgsql AS $$
                BEGIN
                    RETURN 'a';
                END;
                $$;
                """);
        write("legacy/004_automated_materialized_view_refresh.sql", """
                CREATE MATERIALIZED VIEW hierarchy_mv AS SELECT id, name, path, nlevel(path) AS depth FROM entities;
                CREATE UNIQUE INDEX hierarchy_mv_id ON hierarchy_mv (id);
                """);
        write("legacy/004_rss_entity_extraction_schema.sql", """
                CREATE TABLE rss_items (id bigserial PRIMARY KEY, title text NOT NULL);
                CREATE INDEX CONCURRENTLY rss_items_title ON rss_items (title);
                """);
        write("legacy/README.md", "run these by hand, in order\n");
        Cli cli = new Cli(dir, db.jdbcUrl());
        Cli.Result r = cli.run("--dir", "m001", "import", "legacy");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString())
                .contains("detected loose SQL files")
                .contains("guessed order: 2 files share the prefix 001; ordered by file name: 001_initial_schema.sql"
                        + " before 001_standardize_feature_flag_names.sql")
                .contains("share the prefix 004; ordered by file name: 004_automated_materialized_view_refresh.sql before"
                        + " 004_rss_entity_extraction_schema.sql")
                .contains("paired legacy/001_standardize_feature_flag_names_ROLLBACK.sql with"
                        + " legacy/001_standardize_feature_flag_names.sql")
                .contains("skipped legacy/README.md")
                .contains("legacy/001_initial_schema.sql:2: removed 'BEGIN;'")
                .contains("legacy/004_rss_entity_extraction_schema.sql:2: 'CREATE INDEX CONCURRENTLY");
        assertThat(sqlFiles("m001")).containsExactly("001_initial_schema.sql", "001_standardize_feature_flag_names.sql",
                "002_ml_ab_testing_framework.sql", "004_automated_materialized_view_refresh.sql",
                "004_rss_entity_extraction_schema.sql");
        String second = Files.readString(dir.resolve("m001/001_standardize_feature_flag_names.sql"));
        assertThat(second).contains("-- strata:parents 001_initial_schema\n").contains("-- strata:downgrade\n"
                + "UPDATE feature_flags SET name = replace(name, 'ff_', 'ff.');");
        assertThat(Files.readString(dir.resolve("m001/001_initial_schema.sql")))
                .contains("-- strata:irreversible imported without a downgrade").doesNotContain("BEGIN;");
        assertThat(Files.readString(dir.resolve("m001/002_ml_ab_testing_framework.sql"))).contains("\nEND;\n$$;");
        assertThat(Files.readString(dir.resolve("m001/004_rss_entity_extraction_schema.sql")))
                .contains("-- strata:parents 004_automated_materialized_view_refresh")
                .contains("-- strata:transactional false");

        Cli.Result up = cli.run("--dir", "m001", "upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(lines(RELATIONS, db.jdbcUrl())).containsExactly("ab_tests", "entities", "feature_flags",
                "hierarchy_mv", "rss_items");
        assertThat(lines("SELECT name FROM feature_flags", db.jdbcUrl())).containsExactly("ff_map_layers");
        Cli.Result down = cli.run("--dir", "m001", "downgrade", "001_initial_schema");
        assertThat(down.code()).as("004_* have no rollback").isEqualTo(2);

        // seed 003: versions/ with rollback/NNN_rollback.sql, every revision reversible
        write("trading/versions/001_initial_schema.sql", "CREATE TABLE instruments (id int PRIMARY KEY, symbol text);\n");
        write("trading/versions/002_add_timescaledb.sql",
                "CREATE TABLE market_data (time timestamptz NOT NULL, instrument_id int REFERENCES instruments);\n");
        write("trading/versions/003_add_indexes.sql", "CREATE INDEX market_data_time ON market_data (time);\n");
        write("trading/versions/rollback/001_rollback.sql", "DROP TABLE instruments;\n");
        write("trading/versions/rollback/002_rollback.sql", "DROP TABLE market_data;\n");
        write("trading/versions/rollback/003_rollback.sql", "DROP INDEX market_data_time;\n");
        Cli.Result t = cli.run("--dir", "m003", "import", "trading/versions", "--format", "sql");
        assertThat(t.code()).as(t.toString()).isZero();
        assertThat(t.out()).contains("paired trading/versions/rollback/002_rollback.sql with"
                + " trading/versions/002_add_timescaledb.sql (by the prefix 002)").doesNotContain("(irreversible)");
        String empty = db.url(db.createDatabase());
        Cli other = new Cli(dir, empty);
        assertThat(other.run("--dir", "m003", "upgrade", "head").code()).isZero();
        assertThat(lines(RELATIONS, empty)).containsExactly("instruments", "market_data");
        Cli.Result base = other.run("--dir", "m003", "downgrade", "base");
        assertThat(base.code()).as(base.toString()).isZero();
        assertThat(lines(RELATIONS, empty)).isEmpty();

        // a rollback whose prefix two forward files share is refused, and nothing is written
        write("dup/001_a.sql", "SELECT 1;\n");
        write("dup/001_b.sql", "SELECT 2;\n");
        write("dup/rollback/001_rollback.sql", "SELECT 3;\n");
        Cli.Result dup = cli.run("--dir", "mdup", "import", "dup");
        assertThat(dup.code()).isEqualTo(2);
        assertThat(dup.err().strip()).contains("dup/rollback/001_rollback.sql: the prefix 001 belongs to 2 forward files")
                .doesNotContain("\n");
        assertThat(dir.resolve("mdup")).doesNotExist();
    }

    @Test
    void flywayFolderInVersionOrderWithUndoRepeatableAndStampFromHistory() throws Exception {
        write("fw/V1__create_accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, name text);\n");
        write("fw/U1__create_accounts.sql", "DROP TABLE accounts;\n");
        write("fw/V1.1__add_email.sql", "ALTER TABLE accounts ADD COLUMN email text;\n");
        write("fw/U1.1__add_email.sql", "ALTER TABLE accounts DROP COLUMN email;\n");
        write("fw/V2_1__orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, account_id int REFERENCES accounts);\n");
        write("fw/U2_1__orders.sql", "DROP TABLE orders;\n");
        write("fw/V10__name_index.sql", "CREATE INDEX accounts_name ON accounts (name);\n");
        write("fw/U10__name_index.sql", "DROP INDEX accounts_name;\n");
        write("fw/more/V3__audit.sql", "CREATE TABLE audit (id int);\n");
        write("fw/more/U3__audit.sql", "DROP TABLE audit;\n");
        Cli cli = new Cli(dir, db.jdbcUrl());
        Cli.Result r = cli.run("--dir", "mfw", "import", "fw");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("detected a Flyway folder");
        assertThat(sqlFiles("mfw")).containsExactly("V1.1_add_email.sql", "V10_name_index.sql",
                "V1_create_accounts.sql", "V2.1_orders.sql", "V3_audit.sql");
        assertThat(Files.readString(dir.resolve("mfw/V10_name_index.sql"))).contains("-- strata:parents V3\n");
        assertThat(Files.readString(dir.resolve("mfw/V3_audit.sql"))).contains("-- strata:parents V2.1\n");
        assertThat(Files.readString(dir.resolve("mfw/V1.1_add_email.sql"))).contains("-- strata:parents V1\n");
        Cli.Result fwUp = cli.run("--dir", "mfw", "upgrade", "head");
        assertThat(fwUp.code()).as(fwUp.toString()).isZero();
        assertThat(lines(RELATIONS, db.jdbcUrl())).containsExactly("accounts", "audit", "orders");
        Cli.Result base = cli.run("--dir", "mfw", "downgrade", "base");
        assertThat(base.code()).as(base.toString()).isZero();
        assertThat(lines(RELATIONS, db.jdbcUrl())).isEmpty();

        // a repeatable and a callback; a database Flyway migrated to 1.1 (2.1 failed) is stamped at V1.1
        write("fw/R__account_names.sql", "CREATE OR REPLACE VIEW account_names AS SELECT name FROM accounts;\n");
        write("fw/beforeMigrate.sql", "SET lock_timeout = '1s';\n");
        String flyway = db.url(db.createDatabase());
        exec(flyway, """
                CREATE TABLE accounts (id int PRIMARY KEY, name text, email text);
                CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),
                    description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL,
                    checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
                    execution_time int NOT NULL, success boolean NOT NULL);
                INSERT INTO flyway_schema_history VALUES
                    (1, '1', 'create accounts', 'SQL', 'V1__create_accounts.sql', 11, 'postgres', now(), 4, true),
                    (2, '1.1', 'add email', 'SQL', 'V1.1__add_email.sql', 12, 'postgres', now(), 3, true),
                    (3, '2.1', 'orders', 'SQL', 'V2_1__orders.sql', 13, 'postgres', now(), 3, false);
                """);
        Cli fcli = new Cli(dir, flyway);
        Cli.Result s = fcli.run("--dir", "mfw2", "import", "fw", "--stamp-at", "auto");
        assertThat(s.code()).as(s.toString()).isZero();
        assertThat(s.out()).contains("skipped fw/beforeMigrate.sql")
                .contains("fw/R__account_names.sql: a repeatable migration; it becomes revision R__account_names after"
                        + " the last versioned one")
                .contains("Stamped the database at V1.1 (from flyway_schema_history: version 1.1)");
        assertThat(Files.readString(dir.resolve("mfw2/R__account_names.sql"))).contains("-- strata:parents V10\n")
                .contains("-- strata:irreversible imported from a Flyway repeatable migration");
        Cli.Result up = fcli.run("--dir", "mfw2", "upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(lines(RELATIONS, flyway)).containsExactly("account_names", "accounts", "audit",
                "flyway_schema_history", "orders");
        assertThat(fcli.run("--dir", "mfw2", "current").out()).contains("R__account_names");
    }

    @Test
    void golangMigrateAndDbmateFolders() throws Exception {
        write("gm/1_create_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);\n");
        write("gm/1_create_users.down.sql", "DROP TABLE users;\n");
        write("gm/2_add_index.up.sql", "CREATE INDEX users_email ON users (email);\n");
        write("gm/2_add_index.down.sql", "DROP INDEX users_email;\n");
        write("gm/10_posts.up.sql", "CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users);\n");
        write("gm/10_posts.down.sql", "DROP TABLE posts;\n");
        write("gm/11_orphan.down.sql", "DROP TABLE nothing;\n");
        Cli cli = new Cli(dir, db.jdbcUrl());
        Cli.Result r = cli.run("--dir", "mgm", "import", "gm", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        var doc = SchemaCheck.parse(r.out());
        assertThat(SchemaCheck.violations(SchemaCheck.schema("import.schema.json"), doc)).isEmpty();
        assertThat(doc.get("format").asText()).isEqualTo("golang-migrate");
        assertThat(doc.get("revisions").get(2).get("revision").asText()).isEqualTo("10_posts");
        assertThat(doc.get("revisions").get(2).get("sources").toString()).isEqualTo("[\"gm/10_posts.up.sql\",\"gm/10_posts.down.sql\"]");
        assertThat(doc.get("notes").toString()).contains("detected golang-migrate").contains("skipped gm/11_orphan.down.sql: a .down.sql"
                + " without its .up.sql");
        assertThat(Files.readString(dir.resolve("mgm/10_posts.sql"))).contains("-- strata:parents 2_add_index\n");
        assertThat(cli.run("--dir", "mgm", "upgrade", "head").code()).isZero();
        assertThat(lines(RELATIONS, db.jdbcUrl())).containsExactly("posts", "users");
        assertThat(cli.run("--dir", "mgm", "downgrade", "base").code()).isZero();
        assertThat(lines(RELATIONS, db.jdbcUrl())).isEmpty();

        write("dbm/20240101120000_create_users.sql", """
                -- migrate:up
                CREATE TABLE users (id int PRIMARY KEY, email text);

                -- migrate:down
                DROP TABLE users;
                """);
        write("dbm/20240102120000_users_email.sql", """
                -- migrate:up transaction:false
                CREATE INDEX CONCURRENTLY users_email ON users (email);

                -- migrate:down transaction:false
                DROP INDEX CONCURRENTLY users_email;
                """);
        Cli.Result d = cli.run("--dir", "mdb", "import", "dbm");
        assertThat(d.code()).as(d.toString()).isZero();
        assertThat(d.out()).contains("detected dbmate");
        String second = Files.readString(dir.resolve("mdb/20240102120000_users_email.sql"));
        assertThat(second).contains("-- strata:transactional false").contains("-- strata:parents 20240101120000_create_users")
                .contains("-- strata:downgrade\nDROP INDEX CONCURRENTLY users_email;");
        Cli.Result up = cli.run("--dir", "mdb", "upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(lines("SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY 1", db.jdbcUrl()))
                .containsExactly("users_email", "users_pkey");
        assertThat(cli.run("--dir", "mdb", "downgrade", "base").code()).isZero();
        assertThat(lines(RELATIONS, db.jdbcUrl())).isEmpty();

        Cli.Result none = cli.run("--dir", "mnone", "import", "nowhere");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip()).contains("nowhere does not exist").doesNotContain("\n");
    }
}
