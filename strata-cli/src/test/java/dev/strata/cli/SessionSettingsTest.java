package dev.strata.cli;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every revision of a run starts from the same session: a revision's own SET or set_config(..., false) lasts for
 * that revision only (issue 9, item 2), in transactional and non-transactional revisions alike.
 */
class SessionSettingsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    Cli cli;

    /** A statement that fails unless the session has Strata's settings (lock_timeout 2 s) and the default search path. */
    private static final String EXPECT_CLEAN = "DO $$ BEGIN\n"
            + "  IF current_setting('lock_timeout') <> '2s' THEN RAISE EXCEPTION 'lock_timeout leaked: %', current_setting('lock_timeout'); END IF;\n"
            + "  IF current_setting('search_path') <> '\"$user\", public' THEN RAISE EXCEPTION 'search_path leaked: %', current_setting('search_path'); END IF;\n"
            + "  IF current_setting('work_mem') <> '4MB' THEN RAISE EXCEPTION 'work_mem leaked: %', current_setting('work_mem'); END IF;\n"
            + "  IF current_setting('role') <> 'none' THEN RAISE EXCEPTION 'role leaked: %', current_setting('role'); END IF;\n"
            + "END $$;";

    /** What pg_dump output and hand-written revisions do at their top. */
    private static final String LEAKY = "SELECT pg_catalog.set_config('search_path', '', false);\n"
            + "SET lock_timeout = 0;\nSET work_mem = '64MB';\nSET ROLE pg_database_owner;";

    @BeforeEach
    void setUp() {
        cli = new Cli(dir, db.jdbcUrl());
    }

    @Test
    void aTransactionalRevisionsSettingsEndWithIt() {
        cli.simple("r1", null, LEAKY + "\nCREATE TABLE public.a (id int);", "DROP TABLE public.a;");
        cli.simple("r2", "r1", EXPECT_CLEAN + "\nCREATE TABLE b (id int);", "DROP TABLE b;");
        cli.simple("r3", "r2", LEAKY + "\n-- strata:allow SA042 this test turns lock_timeout off on purpose, to see it end with the revision\nDROP TABLE public.a;", "CREATE TABLE public.a (id int);");
        var up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        // the downgrade runs r3's down, then r2's (which checks nothing) and r1's
        cli.simple("r4", "r3", "SELECT 1;", LEAKY + "\nSELECT 1;");
        cli.simple("r5", "r4", "SELECT 1;", EXPECT_CLEAN + "\nSELECT 1;");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        var down = cli.run("downgrade", "r3");
        assertThat(down.code()).as(down.toString()).isZero();
    }

    @Test
    void aNonTransactionalRevisionsSettingsLastForAllItsStatementsAndEndWithIt() {
        cli.revision("r1.sql", "-- strata:revision r1\n-- strata:message leaky\n-- strata:transactional false\n\n"
                + "-- strata:upgrade\n" + LEAKY + "\nCREATE TABLE public.a (id int);\n"
                + "DO $$ BEGIN IF current_setting('search_path') <> '' THEN RAISE EXCEPTION 'lost within the revision'; END IF; END $$;\n\n"
                + "-- strata:downgrade\nDROP TABLE public.a;\n");
        cli.revision("r2.sql", "-- strata:revision r2\n-- strata:parents r1\n-- strata:message clean\n"
                + "-- strata:transactional false\n\n-- strata:upgrade\n" + EXPECT_CLEAN + "\nCREATE TABLE b (id int);\n\n"
                + "-- strata:downgrade\nDROP TABLE b;\n");
        cli.simple("r3", "r2", EXPECT_CLEAN + "\nCREATE TABLE c (id int);", "DROP TABLE c;");
        var up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
    }

    @Test
    void aFailedRevisionsSettingsDoNotReachTheNextRun() {
        cli.revision("r1.sql", "-- strata:revision r1\n-- strata:message fails\n-- strata:transactional false\n\n"
                + "-- strata:upgrade\n" + LEAKY + "\nCREATE TABLE public.a (id int);\nSELECT 1/0;\n\n"
                + "-- strata:downgrade\nDROP TABLE public.a;\n");
        var up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isEqualTo(1);
        assertThat(up.err()).contains("division by zero");
    }
}
