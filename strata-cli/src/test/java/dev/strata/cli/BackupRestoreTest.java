package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.engine.schema.ModelReader;
import dev.strata.engine.schema.SchemaDiff;
import dev.strata.model.SchemaModel;
import dev.strata.run.StateTables;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Backups around upgrade, strata backup and strata restore, end to end with the machine's pg_dump and pg_restore. */
class BackupRestoreTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void upgradeBacksUpThenBreakAndRestore() throws Exception {
        // a password in the URL (the test server trusts local connections): it must not show anywhere
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "password=s3cret-pw";
        Cli cli = new Cli(dir, url);
        Files.writeString(dir.resolve("strata.toml"), "[backup]\nfolder = \"bk\"\n\n"
                + "[environments.development]\nbackup = true\nbackup_keep = 2\n");
        cli.simple("a1", null, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);\n"
                + "INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three');", "DROP TABLE items;");
        cli.simple("b2", "a1", "CREATE TABLE notes (id int PRIMARY KEY, item int REFERENCES items, body text);\n"
                + "INSERT INTO notes VALUES (1, 1, 'first');", "DROP TABLE notes;");

        var up1 = cli.run("upgrade", "a1");
        assertThat(up1.code()).as(up1.toString()).isZero();
        var up2 = cli.run("upgrade");
        assertThat(up2.code()).as(up2.toString()).isZero();
        assertThat(up2.err()).containsPattern("backup: bk/strata_test_\\w+_\\d{8}T\\d{6}Z_a1-b2\\.dump \\([0-9.]+ kB,"
                + " \\d+ entries, verified, \\d+ ms\\)");
        assertThat(cli.run("upgrade").err()).doesNotContain("backup:"); // nothing pending: no backup
        List<Path> dumps = dumps();
        assertThat(dumps).hasSize(2);
        assertThat(dumps.get(0).getFileName().toString()).endsWith("_base-a1.dump");
        assertThat(dumps.get(1).getFileName().toString()).endsWith("_a1-b2.dump");

        // recorded in history: the revisions the dump holds, file and size, its checksum and how long it took
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT revision, message, checksum, execution_ms FROM strata_history"
                     + " WHERE action = 'backup' ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("base");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("a1");
            assertThat(rs.getString(2)).startsWith("pg_dump -Fc to bk/" + dumps.get(1).getFileName() + " ("
                    + Files.size(dumps.get(1)) + " bytes, ").endsWith(" before upgrading to b2");
            assertThat(rs.getString(3)).hasSize(64);
            assertThat(rs.getLong(4)).isPositive();
        }

        // strata backup alone; keep = 2 prunes the oldest
        var backup = cli.run("backup", "--json");
        assertThat(backup.code()).as(backup.toString()).isZero();
        JsonNode doc = SchemaCheck.parse(backup.out());
        assertThat(SchemaCheck.violations(SchemaCheck.schema("backup.schema.json"), doc)).isEmpty();
        assertThat(doc.get("file").asText()).endsWith("_b2-b2.dump");
        assertThat(doc.get("pruned").get(0).asText()).endsWith("_base-a1.dump");
        assertThat(dumps()).hasSize(2);
        Path latest = dir.resolve(doc.get("file").asText());
        assertThat(cli.run("backup", "--list").out().lines().toList())
                .containsExactly("bk/" + latest.getFileName(), "bk/" + dumps.get(1).getFileName());

        SchemaModel before = schema();
        List<String> rowsBefore = rows();

        // break something: drop a table, delete rows
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("DROP TABLE notes");
            st.execute("DELETE FROM items WHERE id > 1");
        }
        assertThat(SchemaDiff.diff(before, schema(), Map.of(), true).ops()).isNotEmpty();

        var noTerminal = cli.run("restore", "bk/" + latest.getFileName());
        assertThat(noTerminal.code()).isEqualTo(2);
        assertThat(noTerminal.err()).isEqualTo("error: restore replaces the database's contents and there is no terminal"
                + " to confirm it; pass --yes to restore bk/" + latest.getFileName() + "\n");
        var missing = cli.run("restore", "--yes", "bk/nope.dump");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: bk/nope.dump: no such backup file;");

        var restore = cli.run("restore", "--yes", "bk/" + latest.getFileName(), "--json");
        assertThat(restore.code()).as(restore.toString()).isZero();
        assertThat(SchemaCheck.violations(SchemaCheck.schema("restore.schema.json"), SchemaCheck.parse(restore.out())))
                .isEmpty();
        assertThat(SchemaDiff.diff(before, schema(), Map.of(), true).ops()).isEmpty();
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(cli.run("current").out().strip()).isEqualTo("b2 (head)");
        var history = cli.run("history", "--applied");
        assertThat(history.out()).contains("restore");

        for (var r : List.of(up1, up2, backup, restore, history)) {
            assertThat(r.out() + r.err()).doesNotContain("s3cret-pw");
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(concat_ws(' ', revision, message, error), ' ')"
                     + " FROM strata_history")) {
            rs.next();
            assertThat(rs.getString(1)).doesNotContain("s3cret-pw");
        }
    }

    @Test
    void missingOrOlderPgDumpIsOneErrorBeforeAnythingChanges() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "CREATE TABLE items (id int PRIMARY KEY);", "DROP TABLE items;");
        Files.writeString(dir.resolve("strata.toml"), "[backup]\npg_dump = \"tools/pg_dump\"\n\n"
                + "[environments.development]\nbackup = true\n");
        var missing = cli.run("upgrade");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("error: [backup] pg_dump is " + dir.resolve("tools/pg_dump")
                + ", which is not an executable file; fix the path (e.g. /usr/lib/postgresql/15/bin/pg_dump)");
        assertThat(missing.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);

        Path old = dir.resolve("tools/pg_dump");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        var tooOld = cli.run("upgrade");
        assertThat(tooOld.code()).isEqualTo(1);
        assertThat(tooOld.err()).contains("error: pg_dump at " + old + " is version 9.6, older than the server"
                + " (PostgreSQL 15), which it cannot dump or restore for; install the PostgreSQL 15 client programs or"
                + " point [backup] pg_dump at a newer one; nothing was changed");
        assertThat(cli.run("current").out()).isEmpty();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('items') IS NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
        var off = cli.run("upgrade", "--no-backup");
        assertThat(off.code()).as(off.toString()).isZero();
    }

    private List<Path> dumps() throws Exception {
        try (var s = Files.list(dir.resolve("bk"))) { // oldest first (two dumps may share a second of their names)
            return s.sorted(java.util.Comparator.comparing((Path f) -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).toList();
        }
    }

    private SchemaModel schema() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            return ModelReader.read(c, StateTables.DEFAULT);
        }
    }

    private List<String> rows() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement()) {
            for (String q : List.of("SELECT id || ':' || name FROM items ORDER BY id",
                    "SELECT id || ':' || item || ':' || body FROM notes ORDER BY id",
                    "SELECT revision FROM strata_version ORDER BY 1")) {
                try (ResultSet rs = st.executeQuery(q)) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }
}
