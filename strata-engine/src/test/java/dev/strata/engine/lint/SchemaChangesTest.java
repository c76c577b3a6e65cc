package dev.strata.engine.lint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which statements observed lint follows with a read of the relations alone: a change of nothing but relations,
 * or a DO block that runs nothing but such changes.
 */
class SchemaChangesTest {
    @Test
    void relationsOnlyStatementsAndPlainDoBlocksOfThem() {
        assertThat(SchemaChanges.relationsOnly("CREATE INDEX t_name ON t (name)")).isTrue();
        assertThat(SchemaChanges.relationsOnly("-- note\nALTER TABLE t ADD COLUMN note text")).isTrue();
        assertThat(SchemaChanges.relationsOnly("DO $$ BEGIN\n  ALTER TABLE t ALTER COLUMN name SET NOT NULL;\nEND $$;"))
                .isTrue();
        assertThat(SchemaChanges.relationsOnly("do $x$ begin alter table t add column a int; create index t_a on t (a);"
                + " end; $x$ language plpgsql")).isTrue();
        assertThat(SchemaChanges.relationsOnly("DO $$ BEGIN ALTER TABLE t ADD COLUMN end_date date; END $$")).isTrue();
    }

    @Test
    void anythingElseIsReadWhole() {
        assertThat(SchemaChanges.relationsOnly("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'")).isFalse();
        assertThat(SchemaChanges.relationsOnly("ALTER TABLE t RENAME TO u")).isFalse();
        assertThat(SchemaChanges.relationsOnly("DO $$ BEGIN END $$")).isFalse();
        assertThat(SchemaChanges.relationsOnly("DO $$ BEGIN PERFORM make_things(); END $$")).isFalse();
        assertThat(SchemaChanges.relationsOnly("DO $$ BEGIN EXECUTE 'CREATE INDEX i ON t (a)'; END $$")).isFalse();
        assertThat(SchemaChanges.relationsOnly("DO $$ DECLARE n int; BEGIN ALTER TABLE t ADD COLUMN a int; END $$"))
                .isFalse();
        assertThat(SchemaChanges.relationsOnly("DO $$ BEGIN IF true THEN ALTER TABLE t ADD COLUMN a int; END IF; END $$"))
                .isFalse();
        assertThat(SchemaChanges.relationsOnly("DO $$ BEGIN ALTER TABLE t ADD COLUMN a int;"
                + " CREATE TYPE mood AS ENUM ('a'); END $$")).isFalse();
        assertThat(SchemaChanges.relationsOnly("DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT c CHECK (a <> ';'); END $$"))
                .isFalse();
        assertThat(SchemaChanges.relationsOnly("DO $$ BEGIN ALTER TABLE t ADD COLUMN a int;"
                + " EXCEPTION WHEN others THEN NULL; END $$")).isFalse();
    }
}
