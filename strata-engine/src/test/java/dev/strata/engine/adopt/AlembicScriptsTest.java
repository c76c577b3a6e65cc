package dev.strata.engine.adopt;

import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The textual reading of Alembic revision files and of Alembic's offline output; no Python runs here. */
class AlembicScriptsTest {
    @Test
    void readsTheGraphFieldsInEveryCommonSpelling() {
        AlembicScripts.Script s = AlembicScripts.parse("""
                # -*- coding: utf-8 -*-
                \"""merge heads

                Revision ID: 3f2a
                \"""
                from alembic import op
                revision: str = "3f2a"
                down_revision: Union[str, Sequence[str], None] = (
                    '1abc',  # billing
                    "2def",
                )
                branch_labels = ('reports',)
                depends_on = None

                def upgrade():
                    revision = 'not this one'
                """, "v.py");
        assertThat(s.revision()).isEqualTo("3f2a");
        assertThat(s.downRevisions()).containsExactly("1abc", "2def");
        assertThat(s.branchLabels()).containsExactly("reports");
        assertThat(s.dependsOn()).isEmpty();
        assertThat(s.message()).isEqualTo("merge heads");

        AlembicScripts.Script root = AlembicScripts.parse("revision = 'a1'\ndown_revision = None\n"
                + "depends_on = ['x1', 'y2']\n", "r.py");
        assertThat(root.downRevisions()).isEmpty();
        assertThat(root.dependsOn()).containsExactly("x1", "y2");
        assertThat(AlembicScripts.parse("import os\n", "h.py").revision()).isNull();
        assertThatThrownBy(() -> AlembicScripts.parse("revision = make_id()\n", "bad.py"))
                .isInstanceOf(StrataException.class).hasMessageContaining("bad.py:1");
    }

    @Test
    void cutsOfflineOutputPerRevisionWithoutAlembicsBookkeeping() {
        String out = """
                BEGIN;

                CREATE TABLE alembic_version (
                    version_num VARCHAR(32) NOT NULL,
                    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
                );

                -- Running upgrade  -> a1

                CREATE TABLE accounts (id SERIAL NOT NULL, PRIMARY KEY (id));

                INSERT INTO alembic_version (version_num) VALUES ('a1') RETURNING alembic_version.version_num;

                -- Running upgrade b1, c1 -> m1

                UPDATE alembic_version SET version_num='m1' WHERE alembic_version.version_num = 'c1';

                COMMIT;
                """;
        List<String> notes = new ArrayList<>();
        Map<String, String> cut = AlembicReader.cut(out, "upgrade", notes);
        assertThat(cut.keySet()).containsExactly("a1", "m1");
        assertThat(cut.get("a1")).isEqualTo("CREATE TABLE accounts (id SERIAL NOT NULL, PRIMARY KEY (id));\n\n");
        assertThat(cut.get("m1")).isEmpty();
        assertThat(notes).isEmpty();
    }

    @Test
    void sourceSqlDropsTransactionControlButNotFunctionBodies() {
        List<String> notes = new ArrayList<>();
        SourceSql.Section s = SourceSql.clean("""
                BEGIN;
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
                BEGIN
                    RETURN 1;
                END;
                $$;
                CREATE INDEX CONCURRENTLY i ON t (c);
                COMMIT;
                """, "x.sql", notes);
        assertThat(s.sql()).doesNotContain("BEGIN;").doesNotContain("COMMIT;").contains("END;\n$$;");
        assertThat(s.transactional()).isFalse();
        assertThat(s.statements()).isEqualTo(2);
        assertThat(notes).hasSize(3).anyMatch(n -> n.startsWith("x.sql:1: removed 'BEGIN;'"));
    }
}
