package dev.strata.lint;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SessionEffectsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE bench_t1 (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
            "CREATE UNLOGGED TABLE s.t (a numeric(10, 2) CHECK (a > 0), b varchar(20) REFERENCES other (id))",
            "CREATE INDEX bench_t1_name_idx ON bench_t1 (name)",
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY sales.\"Orders\" USING btree (a, b DESC) INCLUDE (c)"
                    + " WITH (fillfactor = 70) WHERE (deleted_at IS NULL)",
            "CREATE SEQUENCE s START 10",
            "CREATE TYPE mood AS ENUM ('sad', 'ok')",
            "ALTER TABLE a ADD COLUMN b int DEFAULT 0",
            "ALTER TABLE a ADD CONSTRAINT a_pk PRIMARY KEY (id)",
            "ALTER TABLE a ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES other (id)",
            "ALTER TABLE a RENAME COLUMN b TO c",
            "DROP TABLE a CASCADE",
            "DROP FUNCTION f(int)",
            "COMMENT ON FUNCTION f(int) IS 'calls set_config'",
            "GRANT EXECUTE ON FUNCTION f(int) TO app",
            "-- a comment that says SET\nCREATE TABLE x (id int)",
    })
    void plainDdlCannotChangeASetting(String sql) {
        assertThat(SessionEffects.mayChangeSettings(sql)).as(sql).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SET search_path = ''",
            "set local lock_timeout = 0",
            "RESET ALL",
            "SELECT pg_catalog.set_config('search_path', '', false)",
            "SELECT 1",
            "DO $$ BEGIN PERFORM 1; END $$",
            "CALL p()",
            "INSERT INTO audited VALUES (1)",
            "UPDATE a SET b = 1",
            "DELETE FROM a",
            "COPY a FROM STDIN",
            "CREATE INDEX i ON a (lower(name))",
            "CREATE INDEX i ON a (name) WHERE f(name)",
            "ALTER TABLE a ADD COLUMN b timestamptz DEFAULT clock_timestamp()",
            "ALTER TABLE a ALTER COLUMN b SET NOT NULL",
            "ALTER TABLE a ADD CONSTRAINT c CHECK (valid(b))",
            "ALTER DOMAIN d ADD CHECK (VALUE > 0)",
            "CREATE TABLE t AS SELECT 1",
            "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (f()) TO (10)",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "CREATE EXTENSION vector",
            "CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION f()",
            "CREATE VIEW v AS SELECT f()",
            "REFRESH MATERIALIZED VIEW m",
            "ALTER ROLE app SET search_path = x",
            "LOAD 'auto_explain'",
            "VACUUM a",
    })
    void anythingElseMay(String sql) {
        assertThat(SessionEffects.mayChangeSettings(sql)).as(sql).isTrue();
    }
}
