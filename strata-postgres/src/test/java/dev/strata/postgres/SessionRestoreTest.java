package dev.strata.postgres;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static dev.strata.postgres.Targets.sql;
import static dev.strata.postgres.Targets.upgrade;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's settings go back to the baseline after a step that may have changed one, and only then (issue 14:
 * reading pg_settings after every revision cost half a millisecond of server time each): a step of plain DDL sends no
 * restore, while a SET, DML that fires a trigger, or any step while an event trigger exists still gets one.
 */
class SessionRestoreTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    /** Fails unless work_mem is the server's default, i.e. nothing leaked from the step before. */
    private static final String EXPECT_CLEAN = "DO $$ BEGIN IF current_setting('work_mem') <> '4MB' THEN"
            + " RAISE EXCEPTION 'work_mem leaked: %', current_setting('work_mem'); END IF; END $$";

    @Test
    void stepsOfPlainDdlSendNoRestore() {
        try (JdbcTarget t = Targets.open(db)) {
            t.ensureTables();
            t.runInTransaction(sql("CREATE TABLE a (id bigint PRIMARY KEY, name text NOT NULL DEFAULT now()::text)",
                    "CREATE INDEX a_name ON a (name)"), upgrade(null, "r1", "s1"));
            t.runInTransaction(sql("ALTER TABLE a ADD COLUMN b int", "COMMENT ON TABLE a IS 'x'"),
                    upgrade("r1", "r2", "s2"));
            assertThat(t.restores()).isZero();
            t.runInTransaction(sql("SET work_mem = '64MB'", "CREATE TABLE b (id int)"), upgrade("r2", "r3", "s3"));
            assertThat(t.restores()).isEqualTo(1);
            t.runInTransaction(sql(EXPECT_CLEAN), upgrade("r3", "r4", "s4"));
            assertThat(t.history()).hasSize(4);
        }
    }

    @Test
    void aTriggerThatChangesASettingIsUndoneWithItsStep() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE audited (id int)");
            s.execute("CREATE FUNCTION leak() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " PERFORM set_config('work_mem', '64MB', false); RETURN NEW; END $$");
            s.execute("CREATE TRIGGER leak BEFORE INSERT ON audited FOR EACH ROW EXECUTE FUNCTION leak()");
        }
        try (JdbcTarget t = Targets.open(db)) {
            t.ensureTables();
            t.runInTransaction(sql("INSERT INTO audited VALUES (1)"), upgrade(null, "r1", "s1"));
            t.runInTransaction(sql(EXPECT_CLEAN), upgrade("r1", "r2", "s2"));
            assertThat(t.history()).hasSize(2);
        }
    }

    @Test
    void anEventTriggerThatChangesASettingIsUndoneAfterPlainDdl() throws SQLException {
        try (JdbcTarget t = Targets.open(db)) {
            t.ensureTables();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION leak_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " PERFORM set_config('work_mem', '64MB', false); END $$");
                s.execute("CREATE EVENT TRIGGER leak_ddl ON ddl_command_end EXECUTE FUNCTION leak_ddl()");
            }
            t.runInTransaction(sql("CREATE TABLE a (id int)"), upgrade(null, "r1", "s1"));
            t.runInTransaction(sql(EXPECT_CLEAN), upgrade("r1", "r2", "s2"));
            assertThat(t.restores()).isEqualTo(2);
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP EVENT TRIGGER leak_ddl");
            }
        }
    }

    @Test
    void aStepThatCreatesAnEventTriggerMakesTheNextStepsRestore() throws SQLException {
        try (JdbcTarget t = Targets.open(db)) {
            t.ensureTables();
            t.runInTransaction(sql("CREATE FUNCTION leak_ddl2() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " PERFORM set_config('work_mem', '64MB', false); END $$",
                    "CREATE EVENT TRIGGER leak_ddl2 ON ddl_command_end EXECUTE FUNCTION leak_ddl2()"),
                    upgrade(null, "r1", "s1"));
            t.runInTransaction(sql("CREATE TABLE a (id int)"), upgrade("r1", "r2", "s2"));
            t.runInTransaction(sql(EXPECT_CLEAN), upgrade("r2", "r3", "s3"));
            assertThat(t.history()).hasSize(3);
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP EVENT TRIGGER IF EXISTS leak_ddl2");
            }
        }
    }
}
