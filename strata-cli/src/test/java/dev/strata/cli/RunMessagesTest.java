package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.strata.cli.JavaSources.revision;
import static org.assertj.core.api.Assertions.assertThat;

/** What a run and its hints print (issue 9, items 18 and 19). */
class RunMessagesTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void aRevisionWithoutMessageAndTheHintForOneHead() {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.revision("r1.sql", "-- strata:revision r1\n\n-- strata:upgrade\nCREATE TABLE t (id int);\n\n"
                + "-- strata:downgrade\nDROP TABLE t;\n");
        cli.simple("r2", "r1", "SELECT 1;", "SELECT 1;");
        var current = cli.run("current");
        assertThat(current.err()).contains("`strata upgrade head` applies them").doesNotContain("upgrade heads");
        var check = cli.run("check");
        assertThat(check.code()).isEqualTo(3);
        assertThat(check.err()).contains("`strata upgrade head`").doesNotContain("upgrade heads");
        var up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.err()).containsPattern("Ran upgrade \\(base\\) -> r1 \\(\\d+ ms\\)").doesNotContain(",  (");
    }

    @Test
    void topLevelHelpLinesAreSentences() {
        var help = new Cli(dir, null).runRaw("--help");
        assertThat(help.out().lines().filter(l -> l.strip().startsWith("init ")).findFirst().orElseThrow())
                .doesNotEndWith(":");
    }

    @Test
    void historyIsNewestFirstInEveryForm() {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a1", null, "SELECT 1;", "SELECT 1;");
        cli.simple("b2", "a1", "SELECT 1;", "SELECT 1;");
        cli.simple("c3", "b2", "SELECT 1;", "SELECT 1;");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        assertThat(cli.run("history").out().lines().findFirst().orElseThrow()).contains("c3");
        var range = cli.run("history", "-r", "a1:c3").out().lines().toList();
        assertThat(range.get(0)).contains("c3");
        assertThat(range.get(range.size() - 1)).doesNotContain("c3");
        var applied = cli.run("history", "--applied").out().lines().toList();
        assertThat(applied).hasSize(3);
        assertThat(applied.get(0)).contains(" c3 ");
        assertThat(applied.get(2)).contains(" a1 ");
    }

    @Test
    void severalHeadsAreNamedNotUpgradedAllAtOnce() {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("a", null, "SELECT 1;", "SELECT 1;");
        cli.simple("b", null, "SELECT 1;", "SELECT 1;");
        var current = cli.run("current");
        assertThat(current.err()).contains("2 heads (a, b)").doesNotContain("upgrade heads");
    }

    @Test
    void everyBackfillPrintsProgressAndALargeOneMoreThanOnce() throws Exception {
        Files.writeString(dir.resolve("strata.toml"), "[strata]\njava_package = \"com.acme.fill\"\n"
                + "java_classpath = [\"build/classes\"]\n");
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.simple("f1", null, "CREATE TABLE big (id bigint PRIMARY KEY, a text, b text);\n"
                + "INSERT INTO big (id) SELECT g FROM generate_series(1, 200000) g;\nANALYZE big;", "DROP TABLE big;");
        JavaSources.compile(dir.resolve("src"), dir.resolve("build/classes"), Map.of("com.acme.fill.R2_Fill",
                revision("com.acme.fill", "R2_Fill", "id = \"f2\", parents = {\"f1\"}, message = \"fill\"",
                        "        op.backfill(\"big\", java.util.Map.of(\"a\", \"'x'\"), \"a IS NULL\", \"id\");\n"
                                + "        op.backfill(\"big\", java.util.Map.of(\"b\", \"'y'\"), \"b IS NULL\", \"id\");")));
        var up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        long first = up.err().lines().filter(l -> l.contains("backfill \"public\".\"big\"") || l.contains("backfill public.big"))
                .count();
        assertThat(first).as(up.err()).isGreaterThanOrEqualTo(4);
        // the second backfill starts its own count and prints too
        assertThat(up.err().lines().filter(l -> l.startsWith("backfill \"public\".\"big\": 5000 ")).count())
                .as(up.err()).isEqualTo(2);
    }
}
