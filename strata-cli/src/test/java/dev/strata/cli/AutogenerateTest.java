package dev.strata.cli;

import dev.strata.script.ScriptParser;
import dev.strata.script.SqlMigration;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code strata revision --autogenerate} and {@code strata check} against a schema folder, on a real server. */
class AutogenerateTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir, db.jdbcUrl());
        Files.createDirectories(dir.resolve("schema"));
        Files.writeString(dir.resolve("strata.toml"), "[strata]\nschema_dir = \"schema\"\n");
    }

    private void schema(String file, String sql) throws IOException {
        Files.writeString(dir.resolve("schema").resolve(file), sql, StandardCharsets.UTF_8);
    }

    private Cli.Result autogen(String... extra) {
        String[] args = Stream.concat(Stream.of("revision", "--autogenerate", "-m", "auto", "--dev-url", db.adminJdbcUrl()),
                Stream.of(extra)).toArray(String[]::new);
        return cli.run(args);
    }

    private List<Path> revisions() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("migrations"))) {
            return s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
    }

    private String generated() throws IOException {
        List<Path> files = revisions().stream().filter(p -> p.getFileName().toString().contains("auto")).toList();
        assertThat(files).hasSize(1);
        return Files.readString(files.get(0));
    }

    /** The generated text without double quotes, so assertions do not depend on which names get quoted. */
    private String generatedUnquoted() throws IOException {
        return generated().replace("\"", "");
    }

    @Test
    void branchLabelsAndDependsOnGoIntoTheGeneratedHeader() throws IOException {
        schema("01.sql", "CREATE TABLE t (id int);\n");
        Cli.Result r = autogen("--branch-label", "reports");
        assertThat(r.code()).as(r.toString()).isZero();
        SqlMigration parsed = ScriptParser.parse("gen.sql", generated());
        assertThat(parsed.revision().branchLabels()).containsExactly("reports");
    }

    @Test
    void emptyChainGetsTheWholeSchemaAndReDiffIsEmpty() throws IOException {
        schema("01_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);\n"
                + "CREATE INDEX users_email_lower ON users (lower(email));\n");
        schema("02_posts.sql", "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), body text);\n");

        Cli.Result r = autogen();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("not expressed");
        SqlMigration parsed = ScriptParser.parse("gen.sql", generated());
        assertThat(parsed.revision().parents()).isEmpty();
        String text = generatedUnquoted();
        assertThat(text).contains("CREATE TABLE public.users").contains("users_email_lower")
                .contains("-- strata:downgrade").contains("DROP TABLE");
        Cli.Result up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        Cli.Result check = cli.run("check", "--dev-url", db.adminJdbcUrl());
        assertThat(check.code()).as(check.toString()).isZero();
        assertThat(check.out()).contains("The chain head matches schema");
    }

    @Test
    void existingChainAddColumnAddIndexDropTable() throws IOException {
        cli.simple("r1", null, "CREATE TABLE users (id bigint PRIMARY KEY, name text);\nCREATE TABLE old_logs (id bigint);",
                "DROP TABLE old_logs;\nDROP TABLE users;");
        schema("users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text, email text);\n"
                + "CREATE INDEX users_name ON users (name);\n");

        Cli.Result r = autogen();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("not expressed");
        String text = generatedUnquoted();
        assertThat(text).contains("-- strata:parents r1").contains("-- strata:transactional false")
                .contains("ADD COLUMN email text").contains("CREATE INDEX CONCURRENTLY users_name")
                .contains("DROP TABLE public.old_logs");
        String down = text.substring(text.indexOf("-- strata:downgrade"));
        assertThat(down).contains("DROP COLUMN email").contains("CREATE TABLE public.old_logs")
                .contains("DROP INDEX CONCURRENTLY");

        assertThat(cli.run("upgrade", "head").code()).isZero();
        Cli.Result check = cli.run("check", "--dev-url", db.adminJdbcUrl(), "--drift");
        assertThat(check.code()).as(check.toString()).isZero();
        // and the generated downgrade returns to r1
        Cli.Result downgrade = cli.run("downgrade", "-1");
        assertThat(downgrade.code()).as(downgrade.toString()).isZero();
        Cli.Result drift = cli.run("check", "--dev-url", db.adminJdbcUrl(), "--drift");
        assertThat(drift.code()).as(drift.toString()).isEqualTo(3);
        assertThat(drift.out()).as(drift.toString()).contains("pending ").contains("The chain head matches schema")
                .contains("The database matches its applied revisions.");
    }

    /**
     * Issue 9: a column with a volatile default on an existing table is backfilled in batches; the SQL revision
     * writes the backfill as the DO block that commits after every batch (as the Java path's offline SQL does),
     * so the revision is not transactional, and it runs through the runner.
     */
    @Test
    void aBackfillIsWrittenAsABatchedDoBlock() throws Exception {
        cli.simple("r1", null, "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n"
                + "INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 12000) g;", "DROP TABLE users;");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        schema("users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text, token text DEFAULT md5(random()::text));\n");

        Cli.Result r = autogen();

        assertThat(r.code()).as(r.toString()).isZero();
        String text = generatedUnquoted();
        String up = text.substring(text.indexOf("-- strata:upgrade"), text.indexOf("-- strata:downgrade"));
        assertThat(text).contains("-- strata:transactional false").contains("commits after every batch");
        assertThat(up).contains("-- batched backfill of public.users: 5000 rows per batch by id")
                .contains("DO $strata$").contains("COMMIT;").doesNotContain("\nUPDATE ");
        Cli.Result run = cli.run("upgrade", "head");
        assertThat(run.code()).as(run.toString()).isZero();
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl()); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FILTER (WHERE token IS NULL), count(DISTINCT token) FROM users")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getLong(2)).isEqualTo(12000);
        }
    }

    @Test
    void noDifferenceWritesNothing() throws IOException {
        cli.simple("r1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        schema("t.sql", "CREATE TABLE t (id int);");

        Cli.Result r = autogen();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("No differences");
        assertThat(revisions()).hasSize(1);
    }

    @Test
    void renameCandidateWithoutTerminalExits2WithTheHint() throws IOException {
        cli.simple("r1", null, "CREATE TABLE users (id bigint PRIMARY KEY, fullname text);", "DROP TABLE users;");
        schema("users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, full_name text);");

        Cli.Result r = autogen();

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--rename users.fullname=users.full_name").contains("--no-rename")
                .contains("nothing was written");
        assertThat(revisions()).hasSize(1);
    }

    @Test
    void renameGivenWithTheOptionIsWrittenAsARename() throws IOException {
        cli.simple("r1", null, "CREATE TABLE users (id bigint PRIMARY KEY, fullname text);", "DROP TABLE users;");
        schema("users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, full_name text);");

        Cli.Result r = autogen("--rename", "users.fullname=users.full_name");

        assertThat(r.code()).as(r.toString()).isZero();
        String text = generatedUnquoted();
        assertThat(text).contains("RENAME COLUMN fullname TO full_name")
                .contains("RENAME COLUMN full_name TO fullname").doesNotContain("DROP COLUMN");
        assertThat(cli.run("upgrade", "head").code()).isZero();
    }

    @Test
    void shortFormRenameWorksAsInDiff() throws IOException {
        // issue 9 #7: table.old=new, as diff --rename takes it (the downgrade used to read "new" as a table)
        cli.simple("r1", null, "CREATE TABLE assets (id bigint PRIMARY KEY, old_identifier text);", "DROP TABLE assets;");
        schema("assets.sql", "CREATE TABLE assets (id bigint PRIMARY KEY, asset_identifier text);");

        Cli.Result r = autogen("--rename", "assets.old_identifier=asset_identifier");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(generatedUnquoted()).contains("RENAME COLUMN old_identifier TO asset_identifier")
                .contains("RENAME COLUMN asset_identifier TO old_identifier").doesNotContain("DROP COLUMN");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        assertThat(cli.run("downgrade", "r1").code()).isZero();
    }

    @Test
    void noRenameAcceptsDropAndAdd() throws IOException {
        cli.simple("r1", null, "CREATE TABLE users (id bigint PRIMARY KEY, fullname text);", "DROP TABLE users;");
        schema("users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, full_name text);");

        Cli.Result r = autogen("--no-rename");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(generatedUnquoted()).contains("DROP COLUMN fullname").contains("ADD COLUMN full_name text");
    }

    @Test
    void checkReportsDriftBetweenFolderAndChain() throws IOException {
        cli.simple("r1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        schema("t.sql", "CREATE TABLE t (id int, extra text);");

        Cli.Result drift = cli.run("check", "--dev-url", db.adminJdbcUrl());
        assertThat(drift.code()).as(drift.toString()).isEqualTo(3);
        assertThat(drift.out()).contains("schema drift").contains("extra");

        schema("t.sql", "CREATE TABLE t (id int);");
        Cli.Result clean = cli.run("check", "--dev-url", db.adminJdbcUrl(), "--json");
        assertThat(clean.code()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("\"schema_drift\" : [ ]");
    }

    @Test
    void checkDriftFindsChangesMadeByHand() throws Exception {
        Files.writeString(dir.resolve("strata.toml"), "[strata]\n");
        cli.simple("r1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE t ADD COLUMN sneaky text");
        }

        Cli.Result r = cli.run("check", "--drift", "--dev-url", db.adminJdbcUrl());

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("database drift").contains("sneaky");
    }

    @Test
    void missingSchemaFolderIsAOneLineUsageError() {
        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "x", "--schema-dir", "nope", "--dev-url", db.adminJdbcUrl());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("nope").contains("does not exist");
    }

    @Test
    void failingDesiredStateSqlNamesFileAndLine() throws IOException {
        schema("01.sql", "CREATE TABLE a (id int);\n\nCREATE TABLE b (id nosuchtype);\n");
        Cli.Result r = autogen();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("schema/01.sql:3").contains("nosuchtype");
    }
}
