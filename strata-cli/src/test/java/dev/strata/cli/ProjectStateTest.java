package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression tests (issue 9) for what a database and a folder say about each other: irreversible revisions
 * shown, check refusing as upgrade does, a database ahead of the code, environments without a URL, and
 * the commands that need no migrations folder.
 */
class ProjectStateTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void showAndHistoryVerboseOnAnIrreversibleRevision() {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.revision("r1.sql", "-- strata:revision r1\n-- strata:message Baseline\n-- strata:irreversible one-way\n\n"
                + "-- strata:upgrade\nCREATE TABLE t (id int);\n");
        var show = cli.run("show", "r1");
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("Downgrade: irreversible: one-way").doesNotContain("internal error");
        var history = cli.run("history", "--verbose");
        assertThat(history.code()).as(history.toString()).isZero();
        assertThat(history.out()).contains("irreversible: one-way");
    }

    @Test
    void checkRefusesAChangedAppliedFileAsUpgradeDoes() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        Path f = cli.simple("r1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        assertThat(cli.run("check").code()).isZero();
        Files.writeString(f, Files.readString(f).replace("(id int)", "(id bigint)"));

        var up = cli.run("upgrade", "head");
        assertThat(up.code()).isEqualTo(1);
        var check = cli.run("check");
        assertThat(check.code()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("checksum mismatch r1 (migrations/r1.sql)").doesNotContain("up to date");
        assertThat(check.err()).contains("upgrade refuses to run");
        var json = cli.run("check", "--json");
        assertThat(json.code()).isEqualTo(1);
        assertThat(json.out()).contains("\"checksum_mismatches\"").contains("\"revision\" : \"r1\"");
    }

    @Test
    void databaseAheadOfTheCode() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a", null, "CREATE TABLE a (id int);", "DROP TABLE a;");
        cli.simple("b", "a", "CREATE TABLE b (id int);", "DROP TABLE b;");
        Path c = cli.simple("c", "b", "CREATE TABLE c (id int);", "DROP TABLE c;");
        Path d = cli.simple("d", "c", "CREATE TABLE d (id int);", "DROP TABLE d;");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        // the application rolled back to a version of the code without c and d
        Files.delete(c);
        Files.delete(d);

        var current = cli.run("current");
        assertThat(current.code()).as(current.toString()).isZero();
        assertThat(current.err()).contains("the database has 2 revision(s) this folder does not know: c, d")
                .doesNotContain("not applied");
        var check = cli.run("check");
        assertThat(check.code()).isEqualTo(3);
        assertThat(check.out()).contains("the database has 2 revision(s) this folder does not know: c, d")
                .doesNotContain("pending a").doesNotContain("pending b");

        cli.simple("e", "b", "CREATE TABLE e (id int);", "DROP TABLE e;");
        var refused = cli.run("upgrade", "head");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("the database has 2 revision(s) this folder does not know: c, d")
                .contains("nothing was changed");
        var forced = cli.run("upgrade", "head", "--ignore-unknown");
        assertThat(forced.code()).as(forced.toString()).isZero();
        assertThat(forced.err()).contains("Ran upgrade b -> e").doesNotContain("upgrade (base) -> a");
        assertThat(cli.run("check").out()).contains("does not know: c, d").doesNotContain("pending");
    }

    @Test
    void noUrlOutsideDevelopmentIsAnError() {
        Cli cli = new Cli(dir, null);
        cli.simple("r1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        var r = cli.run("--env", "production", "upgrade", "head");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        java.util.List<String> lines = r.err().strip().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("error: no database URL for environment 'production' (chosen explicitly)")
                .contains("DATABASE_URL_PRODUCTION").doesNotContain("embedded PostgreSQL in .strata");
        assertThat(lines.get(1)).startsWith("hint: the environment is chosen with --env NAME");
        cli.env.put("ENVIRONMENT", "staging");
        assertThat(cli.run("current").code()).isEqualTo(2);
        // work that needs no database still runs in any environment
        var offline = cli.run("upgrade", "base:head", "--sql");
        assertThat(offline.code()).as(offline.toString()).isZero();
        assertThat(cli.run("heads").code()).isZero();
    }

    @Test
    void diffOfTwoDatabasesNeedsNoMigrationsFolder() throws Exception {
        Path empty = dir.resolve("elsewhere");
        Files.createDirectories(empty);
        Cli cli = new Cli(empty, null);
        Files.delete(empty.resolve("migrations"));
        String other = db.createDatabase();
        try {
            var r = cli.run("diff", db.jdbcUrl(), db.url(other));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).doesNotContain("migrations directory");
        } finally {
            db.dropDatabase(other);
        }
    }

    @Test
    void unknownCommandIsExit2WithDidYouMeanAlsoWithHelp() {
        Cli cli = new Cli(dir, null);
        for (String[] args : new String[][] {{"lintt", "--help"}, {"lintt"}, {"upgade", "head"}, {"--json", "upgade", "--help"}}) {
            var r = cli.runRaw(args);
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
        }
        assertThat(cli.runRaw("upgade", "--help").err()).contains("unknown command 'upgade'; did you mean 'upgrade'?");
        assertThat(cli.runRaw("--help").code()).isZero();
    }

    @Test
    void upgradeLatestIsHead() {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("r1", null, "CREATE TABLE t (id int);", "DROP TABLE t;");
        var r = cli.run("upgrade", "latest");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(cli.run("current").out().strip()).isEqualTo("r1 (head)");
        assertThat(cli.run("upgrade", "base:latest", "--sql").out()).contains("CREATE TABLE t");
    }

    @Test
    void javaRevisionInANewProject() throws Exception {
        Cli cli = new Cli(dir, db.jdbcUrl());
        Files.writeString(dir.resolve("strata.toml"), "[strata]\njava_package = \"com.acme.m\"\n"
                + "java_classpath = [\"build/classes\"]\n");
        var r = cli.run("revision", "--java", "-m", "First", "--rev-id", "j1");
        assertThat(r.code()).as(r.toString()).isZero();
        try (var files = Files.walk(dir.resolve("src/main/java/com/acme/m"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".java")).count()).isEqualTo(1);
        }
        // once a Java revision exists in the sources, a missing class folder is the usual error again
        var again = cli.run("revision", "--java", "-m", "Second");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("java_classpath entry 'build/classes'").contains("does not exist");
    }
}
