package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code strata diff} and {@code strata diagram}, on a real server. */
class DiffDiagramTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir, db.jdbcUrl());
        cli.simple("r1", null, "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);", "DROP TABLE users;");
        folder("same", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);");
        folder("more", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);");
    }

    private void folder(String name, String sql) throws IOException {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve("schema.sql"), sql, StandardCharsets.UTF_8);
    }

    @Test
    void diffBetweenARevisionAndAFolderPrintsTheSql() {
        Cli.Result r = cli.run("diff", "head", "more", "--dev-url", db.adminJdbcUrl());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().replace("\"", "")).contains("ALTER TABLE public.users ADD COLUMN name text;");

        Cli.Result back = cli.run("diff", "more", "rev:r1", "--dev-url", db.adminJdbcUrl(), "--json");
        assertThat(back.code()).as(back.toString()).isZero();
        assertThat(back.out()).contains("\"ops\"").contains("DROP COLUMN").contains("\"unsupported\" : [ ]");
    }

    @Test
    void diffOfEqualSchemasPrintsNothing() {
        Cli.Result r = cli.run("diff", "rev:r1", "same", "--dev-url", db.adminJdbcUrl());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void diffWithALiveDatabaseLeavesItUnchanged() {
        Cli.Result r = cli.run("diff", db.jdbcUrl(), "same", "--dev-url", db.adminJdbcUrl());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("CREATE TABLE");
        assertThat(cli.run("current").out()).doesNotContain("r1");
    }

    @Test
    void unknownSourceIsAUsageError() {
        Cli.Result r = cli.run("diff", "./no/such/dir", "same", "--dev-url", db.adminJdbcUrl());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no/such/dir");
    }

    @Test
    void mermaidGolden() throws IOException {
        folder("er", "CREATE TABLE companies (id bigint PRIMARY KEY, name text NOT NULL UNIQUE);\n"
                + "CREATE TABLE filings (id bigint PRIMARY KEY, company_id bigint NOT NULL REFERENCES companies (id),"
                + " kind character varying(20), amount numeric(12,2));\n"
                + "CREATE TABLE notes (id int PRIMARY KEY, filing_id bigint REFERENCES filings (id));\n");

        Cli.Result r = cli.run("diagram", "er", "--dev-url", db.adminJdbcUrl());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(""
                + "erDiagram\n"
                + "    companies {\n"
                + "        bigint id PK\n"
                + "        text name UK \"not null\"\n"
                + "    }\n"
                + "    filings {\n"
                + "        bigint id PK\n"
                + "        bigint company_id FK \"not null\"\n"
                + "        character_varying(20) kind\n"
                + "        numeric(12_2) amount\n"
                + "    }\n"
                + "    notes {\n"
                + "        integer id PK\n"
                + "        bigint filing_id FK\n"
                + "    }\n"
                + "    companies ||--o{ filings : \"company_id\"\n"
                + "    filings |o--o{ notes : \"filing_id\"\n");
    }

    @Test
    void svgIsWellFormedAndWrittenToAFile() throws Exception {
        folder("er", "CREATE TABLE a (id int PRIMARY KEY, note text);\n"
                + "CREATE TABLE \"b<&>\" (id int PRIMARY KEY, a_id int REFERENCES a (id), parent int REFERENCES \"b<&>\" (id));\n");

        Cli.Result r = cli.run("diagram", "er", "-o", "out/er.svg", "--dev-url", db.adminJdbcUrl());

        assertThat(r.code()).as(r.toString()).isZero();
        byte[] svg = Files.readAllBytes(dir.resolve("out/er.svg"));
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("g").getLength()).isEqualTo(2);
        assertThat(new String(svg, StandardCharsets.UTF_8)).contains("b&lt;&amp;&gt;");
        Cli.Result again = cli.run("diagram", "er", "--format", "svg", "--dev-url", db.adminJdbcUrl());
        assertThat(again.out()).isEqualTo(new String(svg, StandardCharsets.UTF_8));
    }

    @Test
    void diagramOfTheDatabaseWithoutSource() {
        assertThat(cli.run("upgrade", "head").code()).isZero();
        Cli.Result r = cli.run("diagram");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("erDiagram\n    users {\n").doesNotContain("strata_version");
    }
}
