package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** downgrade REV names the dependents on other branches it would revert and refuses unless --cascade (issue 9, item 6). */
class DowngradeCascadeTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void refusesNamingTheDependentsThenCascades() {
        Cli cli = new Cli(dir, db.jdbcUrl());
        cli.revision("a.sql", "-- strata:revision a\n-- strata:branch-labels core\n-- strata:message a\n\n"
                + "-- strata:upgrade\nCREATE TABLE a (id int PRIMARY KEY);\n\n-- strata:downgrade\nDROP TABLE a;\n");
        cli.simple("b", "a", "CREATE TABLE b (id int PRIMARY KEY);", "DROP TABLE b;");
        cli.revision("r.sql", "-- strata:revision r\n-- strata:branch-labels reports\n-- strata:message r\n\n"
                + "-- strata:upgrade\nSELECT 1;\n\n-- strata:downgrade\nSELECT 1;\n");
        cli.revision("s.sql", "-- strata:revision s\n-- strata:parents r\n-- strata:depends-on b\n-- strata:message s\n\n"
                + "-- strata:upgrade\nCREATE VIEW s AS SELECT id FROM b;\n\n-- strata:downgrade\nDROP VIEW s;\n");
        var up = cli.run("upgrade", "heads");
        assertThat(up.code()).as(up.toString()).isZero();

        var refused = cli.run("downgrade", "a");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("would also revert 1 revision(s) of other branches")
                .contains("s depends on b").contains("--cascade").doesNotContain("\tat ");
        assertThat(cli.run("current").out().strip()).isEqualTo("s (head)");

        var cascaded = cli.run("downgrade", "a", "--cascade");
        assertThat(cascaded.code()).as(cascaded.toString()).isZero();
        assertThat(cascaded.err()).contains("Ran downgrade s").contains("Ran downgrade b");
        assertThat(cli.run("current").out().lines().map(String::strip).toList()).containsExactlyInAnyOrder("a", "r");
    }
}
