package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stamp (and downgrade LABEL@base) against a real database, in the cases compared with Alembic 1.8.1 (see
 * AlembicParityGraphTest in strata-core for the graph cases): the graph is a trunk r1 - r2, then branch alpha
 * (a1, a2) and branch beta (b1, b2); each revision creates a table named after itself.
 */
class StampParityTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Cli project() {
        Cli cli = new Cli(dir, db.jdbcUrl());
        rev(cli, "r1", null, null);
        rev(cli, "r2", "r1", null);
        rev(cli, "a1", "r2", "alpha");
        rev(cli, "a2", "a1", null);
        rev(cli, "b1", "r2", "beta");
        rev(cli, "b2", "b1", null);
        return cli;
    }

    private static void rev(Cli cli, String id, String parent, String label) {
        cli.revision(id + ".sql", "-- strata:revision " + id + "\n" + (parent == null ? "" : "-- strata:parents " + parent + "\n")
                + (label == null ? "" : "-- strata:branch-labels " + label + "\n")
                + "-- strata:message " + id + "\n\n-- strata:upgrade\nCREATE TABLE t_" + id + " (id int);\n\n"
                + "-- strata:downgrade\nDROP TABLE t_" + id + ";\n");
    }

    private static String current(Cli cli) {
        var r = cli.run("current");
        assertThat(r.code()).as(r.toString()).isZero();
        return r.out().replaceAll("\\s*\\(head\\)", "").strip().replaceAll("\\s+", " ");
    }

    private static void ok(Cli cli, String... args) {
        var r = cli.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
    }

    @Test
    void stampsAsAlembicDoes() throws Exception {
        Cli cli = project();
        ok(cli, "stamp", "a2", "b2");                   // two branch heads at once
        assertThat(current(cli)).isEqualTo("a2 b2");
        ok(cli, "stamp", "--purge", "a2", "a1");        // overlapping revisions of one branch: the highest
        assertThat(current(cli)).isEqualTo("a2");
        ok(cli, "stamp", "b1");                         // a revision on another branch than the current one
        assertThat(current(cli)).isEqualTo("a2 b1");
        ok(cli, "stamp", "beta@base");                  // LABEL@base beside another branch's head
        assertThat(current(cli)).isEqualTo("a2");
        ok(cli, "stamp", "bet@head");                   // LABEL@head, the label given by a unique prefix
        assertThat(current(cli)).isEqualTo("a2 b2");
        ok(cli, "stamp", "alpha@base");
        assertThat(current(cli)).isEqualTo("b2");
        var mixed = cli.run("stamp", "a2", "base");
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("stamp target 'base' cannot be combined with other targets (a2 base): stamp it on its own");
        assertThat(current(cli)).isEqualTo("b2");
        // nothing ran: no revision's table exists
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE tablename LIKE 't\\_%'")).isEqualTo("0");
    }

    @Test
    void offlineStampPrintsSqlThatStampsWhenRun() throws Exception {
        Cli offline = new Cli(dir, null);
        Cli cli = project();
        var fresh = offline.run("stamp", "b2", "--sql");
        assertThat(fresh.code()).as(fresh.toString()).isZero();
        assertThat(fresh.out()).contains("CREATE TABLE").contains("'b2'");
        execute(fresh.out());
        assertThat(current(cli)).isEqualTo("b2");
        var two = offline.run("stamp", "b2:a2", "--sql");    // from b2, add alpha's head beside it
        assertThat(two.code()).as(two.toString()).isZero();
        assertThat(two.out()).doesNotContain("CREATE TABLE");
        execute(two.out());
        assertThat(current(cli)).isEqualTo("a2 b2");
        var down = offline.run("stamp", "a2:a1", "--sql");
        assertThat(down.out()).contains("UPDATE");
        execute(down.out());
        assertThat(current(cli)).isEqualTo("a1 b2");
        var bad = offline.run("stamp", "a1:a2", "b2", "--sql");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("a FROM:TO range cannot be combined with other stamp targets");
    }

    @Test
    void downgradeLabelBaseRevertsOnlyThatBranchOfASharedTrunkAndTheStairwayWalksBothBranches() throws Exception {
        Cli cli = project();
        cli.revision("m.sql", "-- strata:revision m\n-- strata:parents a2 b2\n-- strata:message merge\n\n"
                + "-- strata:upgrade\nCREATE TABLE t_m (id int);\n\n-- strata:downgrade\nDROP TABLE t_m;\n");
        ok(cli, "upgrade", "heads");
        ok(cli, "downgrade", "beta@base");
        assertThat(current(cli)).isEqualTo("a2");
        assertThat(scalar("SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables WHERE tablename LIKE 't\\_%'"))
                .isEqualTo("t_a1 t_a2 t_r1 t_r2");
        // the stairway walks both branches and the merge, each revision reverted alone
        var stairway = cli.run("stairway", "--dev-url", db.adminJdbcUrl());
        assertThat(stairway.code()).as(stairway.toString()).isZero();
        assertThat(stairway.out()).contains("ok            m  merge", "Stairway passed: 7 revision(s)");
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String scalar(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
