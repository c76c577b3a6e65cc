package dev.strata.cli;

import dev.strata.java.JavaMigrationLoader;
import dev.strata.script.JavaMigrationScript;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.strata.cli.JavaSources.revision;
import static org.assertj.core.api.Assertions.assertThat;

/** Java revisions through the CLI: loading from java_classpath, running, history, offline SQL, checksums, revision --java. */
class JavaRevisionsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    Cli cli;

    private static final String J1 = revision("com.acme.m", "R1_CreateItems", "id = \"j1\", message = \"create items\"",
            "        op.sql(\"CREATE TABLE items (id int PRIMARY KEY, sku text)\", \"DROP TABLE items\");\n"
                    + "        op.sql(\"INSERT INTO items VALUES (1, 'a'), (2, 'b')\", \"DELETE FROM items WHERE id IN (1, 2)\");");
    private static final String J2 = revision("com.acme.m.more", "R2_IndexSku", "id = \"j2\", parents = {\"j1\"},"
                    + " message = \"index sku\"",
            "        op.sql(\"ALTER TABLE items ADD COLUMN note text\", \"ALTER TABLE items DROP COLUMN note\");\n"
                    + "        op.sqlOutsideTransaction(\"CREATE INDEX CONCURRENTLY items_sku ON items (sku)\",\n"
                    + "                \"DROP INDEX CONCURRENTLY items_sku\");\n"
                    + "        op.sql(\"UPDATE items SET note = 'indexed'\", \"UPDATE items SET note = NULL\");");

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(dir, db.jdbcUrl());
        Files.writeString(dir.resolve("strata.toml"), "[strata]\njava_package = \"com.acme.m\"\n"
                + "java_classpath = [\"build/classes\"]\n");
    }

    private void build(String j2) {
        JavaSources.compile(dir.resolve("src"), dir.resolve("build/classes"),
                Map.of("com.acme.m.R1_CreateItems", J1, "com.acme.m.more.R2_IndexSku", j2));
    }

    @Test
    void javaRevisionsRunShowOfflineRevertByDerivedDowngradeAndDetectEdits() throws Exception {
        build(J2);
        // a SQL revision on top of the Java ones: both kinds are one graph
        cli.simple("s3", "j2", "CREATE TABLE tags (id int);", "DROP TABLE tags;");

        var offline = cli.run("upgrade", "head", "--sql");
        assertThat(offline.code()).as(offline.toString()).isZero();
        assertThat(offline.out()).contains("CREATE TABLE items (id int PRIMARY KEY, sku text);")
                .contains("CREATE INDEX CONCURRENTLY items_sku ON items (sku);")
                .contains("UPDATE items SET note = 'indexed';").contains("CREATE TABLE tags (id int);");
        assertThat(query("SELECT to_regclass('items')::text")).containsExactly((String) null);

        var up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(query("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'items_sku'::regclass"))
                .containsExactly("true");
        assertThat(query("SELECT note FROM items ORDER BY id")).containsExactly("indexed", "indexed");
        assertThat(cli.run("current").out().strip()).isEqualTo("s3 (head)");

        var history = cli.run("-v", "history", "--applied");
        assertThat(history.code()).as(history.toString()).isZero();
        Map<String, JavaMigrationScript> loaded = loadCompiled();
        assertThat(history.out()).contains("upgrade         j1").contains("upgrade         j2")
                .contains("checksum " + loaded.get("j1").checksum().hex())
                .contains("checksum " + loaded.get("j2").checksum().hex());
        assertThat(query("SELECT checksum FROM strata_history WHERE revision = 'j2'"))
                .containsExactly(loaded.get("j2").checksum().hex());

        var down = cli.run("downgrade", "base");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(query("SELECT to_regclass('items')::text")).containsExactly((String) null);
        assertThat(cli.run("upgrade", "head").code()).isZero();

        // an edited Java revision is detected like an edited SQL file
        build(J2.replace("'indexed'", "'edited'"));
        var refused = cli.run("upgrade", "head");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("revision j2").contains("com.acme.m.more.R2_IndexSku")
                .contains("changed after it was applied").contains("strata repair --accept-checksum j2");
        var downRefused = cli.run("downgrade", "base");
        assertThat(downRefused.code()).isEqualTo(1);
        assertThat(query("SELECT note FROM items ORDER BY id")).containsExactly("indexed", "indexed");
    }

    @Test
    void derivedDowngradeThatCannotExistIsRefusedNamingTheOp() throws Exception {
        build(J2.replace("\"UPDATE items SET note = NULL\"", "null"));
        assertThat(cli.run("upgrade", "head").code()).isZero();
        var down = cli.run("downgrade", "base");
        assertThat(down.code()).as(down.toString()).isEqualTo(2);
        assertThat(down.err()).contains("com.acme.m.more.R2_IndexSku").contains("is irreversible")
                .contains("sql: UPDATE items SET note = 'indexed'").contains("raw SQL declared no reverse")
                .contains("nothing was changed");
        assertThat(query("SELECT to_regclass('items_sku')::text")).containsExactly("items_sku");
    }

    @Test
    void sameIdInASqlFileAndAJavaClassIsReportedWithBothLocations() {
        build(J2);
        cli.simple("j2", "j1", "SELECT 1;", "SELECT 1;");
        var r = cli.run("heads");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("revision j2 is declared twice").contains("migrations/j2.sql")
                .contains("com.acme.m.more.R2_IndexSku");
    }

    @Test
    void missingClassPathEntryIsAConfigError() {
        var r = cli.run("heads");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("java_classpath entry 'build/classes'").contains("does not exist");
    }

    @Test
    void revisionJavaWritesAClassThatCompilesAndLoadsAsTheNewHead() throws Exception {
        build(J2);
        var r = cli.run("revision", "--java", "-m", "Add tags table", "--rev-id", "j3");
        assertThat(r.code()).as(r.toString()).isZero();
        Path file = dir.resolve("src/main/java/com/acme/m/Rj3_AddTagsTable.java");
        assertThat(file).exists();
        assertThat(r.err() + r.out()).contains("src/main/java/com/acme/m/Rj3_AddTagsTable.java");
        String text = Files.readString(file);
        assertThat(text).contains("package com.acme.m;").contains("id = \"j3\"").contains("parents = {\"j2\"}")
                .contains("message = \"Add tags table\"").contains("// op.sql(").contains("derived");

        JavaSources.compileFiles(dir.resolve("build/classes"), List.of(file));
        var heads = cli.run("heads");
        assertThat(heads.out()).contains("j3");
        // untouched, it records nothing, and upgrade refuses to apply an empty revision
        var up = cli.run("upgrade", "head");
        assertThat(up.code()).isEqualTo(2);
        assertThat(up.err()).contains("com.acme.m.Rj3_AddTagsTable").contains("no statements");
    }

    @Test
    void revisionJavaNeedsAPackage() throws Exception {
        Files.delete(dir.resolve("strata.toml"));
        var r = cli.run("revision", "--java", "-m", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("revision --java needs java_package");
    }

    private Map<String, JavaMigrationScript> loadCompiled() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.resolve("build/classes").toUri().toURL()},
                getClass().getClassLoader())) {
            Map<String, JavaMigrationScript> out = new java.util.HashMap<>();
            for (JavaMigrationScript s : JavaMigrationLoader.load(loader, "com.acme.m")) {
                out.put(s.revision().id().value(), s);
            }
            return out;
        }
    }

    private List<String> query(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
