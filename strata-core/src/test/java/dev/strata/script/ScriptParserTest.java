package dev.strata.script;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptParserTest {
    private static final String FILE = "migrations/20251115_093012_add_index.sql";

    private static final String DESIGN_EXAMPLE = """
            -- strata:revision 20251115_093012
            -- strata:parents 20251110_120000
            -- strata:message Add signal confidence index
            -- strata:transactional false

            -- strata:upgrade
            CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_signal_confidence ON signals (confidence);

            -- strata:downgrade
            DROP INDEX CONCURRENTLY IF EXISTS idx_signal_confidence;
            """;

    @Test
    void parsesTheDesignExample() {
        SqlMigration m = ScriptParser.parse(FILE, DESIGN_EXAMPLE);
        assertThat(m.revision().id()).isEqualTo(RevisionId.of("20251115_093012"));
        assertThat(m.revision().parents()).containsExactly(RevisionId.of("20251110_120000"));
        assertThat(m.revision().message()).isEqualTo("Add signal confidence index");
        assertThat(m.revision().source()).isEqualTo(FILE);
        assertThat(m.location()).isEqualTo(FILE);
        assertThat(m.transactional()).isFalse();
        assertThat(m.upgrade()).containsExactly(new SqlStatement(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_signal_confidence ON signals (confidence)", 7));
        assertThat(m.downgrade()).hasValue(List.of(new SqlStatement(
                "DROP INDEX CONCURRENTLY IF EXISTS idx_signal_confidence", 10)));
        assertThat(m.irreversibleReason()).isEmpty();
        assertThat(m.destructiveReason()).isEmpty();
    }

    @Test
    void parsesEveryHeaderKey() {
        SqlMigration m = ScriptParser.parse(FILE, """
                -- A comment before the header is fine.
                -- strata:revision r3

                -- strata:parents r1 r2
                -- strata:branch-labels feature.x b-2
                -- strata:depends-on other_1 other.2
                -- strata:destructive drops the legacy column
                -- strata:irreversible the old values cannot be restored
                -- strata:transactional TRUE
                -- strata:upgrade
                ALTER TABLE t DROP COLUMN legacy;
                """);
        assertThat(m.revision().parents()).containsExactly(RevisionId.of("r1"), RevisionId.of("r2"));
        assertThat(m.revision().isMerge()).isTrue();
        assertThat(m.revision().branchLabels()).containsExactlyInAnyOrder("feature.x", "b-2");
        assertThat(m.revision().dependsOn()).containsExactly(RevisionId.of("other_1"), RevisionId.of("other.2"));
        assertThat(m.revision().message()).isEmpty();
        assertThat(m.transactional()).isTrue();
        assertThat(m.destructiveReason()).hasValue("drops the legacy column");
        assertThat(m.irreversibleReason()).hasValue("the old values cannot be restored");
        assertThat(m.downgrade()).isEmpty();
        assertThat(m.upgrade()).extracting(SqlStatement::line).containsExactly(11);
    }

    @Test
    void baseOrNoParentsMakeARoot() {
        String body = "\n-- strata:upgrade\nSELECT 1;\n-- strata:downgrade\n";
        assertThat(ScriptParser.parse(FILE, "-- strata:revision a\n-- strata:parents base" + body)
                .revision().isRoot()).isTrue();
        assertThat(ScriptParser.parse(FILE, "-- strata:revision a" + body).revision().isRoot()).isTrue();
    }

    @Test
    void emptyDowngradeMeansNothingToUndo() {
        SqlMigration m = ScriptParser.parse(FILE, """
                -- strata:revision a
                -- strata:upgrade
                INSERT INTO log VALUES ('x');
                -- strata:downgrade
                -- nothing to undo
                """);
        assertThat(m.downgrade()).hasValue(List.of());
    }

    @Test
    void irreversibleWithAnEmptyDowngradeSectionIsIrreversible() {
        SqlMigration m = ScriptParser.parse(FILE, """
                -- strata:revision a
                -- strata:irreversible data is gone
                -- strata:upgrade
                DROP TABLE t;
                -- strata:downgrade
                -- cannot be undone
                """);
        assertThat(m.downgrade()).isEmpty();
        assertThat(m.irreversibleReason()).hasValue("data is gone");
    }

    @Test
    void mergeMayHaveEmptySections() {
        SqlMigration m = ScriptParser.parse(FILE, """
                -- strata:revision m
                -- strata:parents a b
                -- strata:upgrade
                -- strata:downgrade
                """);
        assertThat(m.upgrade()).isEmpty();
        assertThat(m.downgrade()).hasValue(List.of());
    }

    @Test
    void keepsRealLineNumbersAndNormalizesCrlfAndBom() {
        String text = "\uFEFF-- strata:revision a\r\n\r\n-- strata:upgrade\r\n\r\nSELECT 1;\r\nSELECT\r\n 2;\r\n"
                + "-- strata:downgrade\r\nSELECT 3;\r\n";
        SqlMigration m = ScriptParser.parse(FILE, text);
        assertThat(m.upgrade()).containsExactly(new SqlStatement("SELECT 1", 5), new SqlStatement("SELECT\n 2", 6));
        assertThat(m.downgrade().orElseThrow()).containsExactly(new SqlStatement("SELECT 3", 9));
    }

    // ---- one test per bad input: the code, and file:line in the message

    @Test
    void malformedHeaderLine() {
        assertError("-- strata:revision a\n-- strata: parents b\n", ErrorCode.SCRIPT_HEADER_INVALID, 2,
                "malformed header line");
        assertError("-- strata:revision=a\n", ErrorCode.SCRIPT_HEADER_INVALID, 1, "malformed header line");
    }

    @Test
    void headerKeyWithoutValue() {
        assertError("-- strata:revision\n", ErrorCode.SCRIPT_HEADER_INVALID, 1, "needs a value");
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        assertError("-- strata:revision a\n-- strata:parent b\n", ErrorCode.SCRIPT_HEADER_INVALID, 2,
                "unknown header key 'parent': did you mean 'parents'?");
        assertError("-- strata:revision a\n-- strata:dependson b\n", ErrorCode.SCRIPT_HEADER_INVALID, 2,
                "did you mean 'depends-on'?");
        assertError("-- strata:revision a\n-- strata:zzz b\n", ErrorCode.SCRIPT_HEADER_INVALID, 2,
                "known keys: revision, parents");
    }

    @Test
    void duplicateKey() {
        assertError("-- strata:revision a\n-- strata:message x\n\n-- strata:message y\n",
                ErrorCode.SCRIPT_HEADER_INVALID, 4, "duplicate header 'message' (first given at line 2)");
    }

    @Test
    void invalidRevisionId() {
        assertError("-- strata:revision bad-id\n", ErrorCode.REVISION_ID_INVALID, 1, "'bad-id'");
        assertError("-- strata:revision a\n-- strata:parents ok x@y\n", ErrorCode.REVISION_ID_INVALID, 2,
                "'x@y' in 'parents'");
        assertError("-- strata:revision a\n-- strata:depends-on c:d\n", ErrorCode.REVISION_ID_INVALID, 2,
                "'c:d' in 'depends-on'");
        assertError("-- strata:revision head\n", ErrorCode.REVISION_ID_INVALID, 1, "reserved");
        assertError("-- strata:revision a b\n", ErrorCode.SCRIPT_HEADER_INVALID, 1, "exactly one id");
    }

    @Test
    void badParentLists() {
        assertError("-- strata:revision a\n-- strata:parents base b\n", ErrorCode.SCRIPT_HEADER_INVALID, 2,
                "'base' in 'parents' must stand alone");
        assertError("-- strata:revision a\n-- strata:parents b b\n", ErrorCode.SCRIPT_HEADER_INVALID, 2,
                "listed twice");
        assertError("-- strata:revision a\n-- strata:branch-labels 9x\n", ErrorCode.SCRIPT_HEADER_INVALID, 2,
                "invalid branch label '9x'");
    }

    @Test
    void missingRevision() {
        assertError("-- strata:message x\n-- strata:upgrade\nSELECT 1;\n-- strata:downgrade\n",
                ErrorCode.SCRIPT_HEADER_INVALID, 1, "no '-- strata:revision ID' line");
    }

    @Test
    void badTransactionalValue() {
        assertError("-- strata:revision a\n-- strata:transactional no\n", ErrorCode.SCRIPT_HEADER_INVALID, 2,
                "must be 'true' or 'false', got 'no'");
    }

    @Test
    void missingUpgradeSection() {
        assertError("-- strata:revision a\n-- strata:message x\n\n", ErrorCode.SCRIPT_SECTION_INVALID, 3,
                "no '-- strata:upgrade' section");
    }

    @Test
    void emptyUpgradeOutsideAMergeLoads() {
        // the runner refuses to apply it; loading it keeps the other commands working while it is written
        SqlMigration m = ScriptParser.parse("f.sql",
                "-- strata:revision a\n-- strata:parents p\n-- strata:upgrade\n-- todo\n-- strata:downgrade\n");
        assertThat(m.upgrade()).isEmpty();
    }

    @Test
    void missingDowngradeWithoutIrreversible() {
        assertError("-- strata:revision a\n-- strata:upgrade\nSELECT 1;\n", ErrorCode.SCRIPT_NO_DOWNGRADE, 3,
                "strata:irreversible REASON");
    }

    @Test
    void irreversibleAndADowngrade() {
        assertError("-- strata:revision a\n-- strata:irreversible gone\n-- strata:upgrade\nDROP TABLE t;\n"
                + "-- strata:downgrade\nCREATE TABLE t ();\n", ErrorCode.SCRIPT_SECTION_INVALID, 5,
                "declared irreversible (line 2)");
    }

    @Test
    void unknownSectionMarker() {
        assertError("-- strata:revision a\n-- strata:upgrade\nSELECT 1;\n-- strata:downgrad\n",
                ErrorCode.SCRIPT_SECTION_INVALID, 4, "unknown section marker '-- strata:downgrad': did you mean "
                        + "'-- strata:downgrade'?");
        assertError("-- strata:revision a\n-- strata:upgrad\nSELECT 1;\n", ErrorCode.SCRIPT_HEADER_INVALID, 2,
                "did you mean 'upgrade'?");
    }

    @Test
    void textBeforeTheFirstSection() {
        assertError("-- strata:revision a\n\nCREATE TABLE t ();\n-- strata:upgrade\n",
                ErrorCode.SCRIPT_SECTION_INVALID, 3, "SQL before the '-- strata:upgrade' line");
    }

    @Test
    void misplacedOrRepeatedSections() {
        assertError("-- strata:revision a\n-- strata:downgrade\n-- strata:upgrade\n",
                ErrorCode.SCRIPT_SECTION_INVALID, 2, "before '-- strata:upgrade'");
        assertError("-- strata:revision a\n-- strata:upgrade\nSELECT 1;\n-- strata:upgrade\n",
                ErrorCode.SCRIPT_SECTION_INVALID, 4, "second '-- strata:upgrade' section (first at line 2)");
        assertError("-- strata:revision a\n-- strata:upgrade\nSELECT 1;\n-- strata:downgrade\n-- strata:downgrade\n",
                ErrorCode.SCRIPT_SECTION_INVALID, 5, "second '-- strata:downgrade'");
        assertError("-- strata:revision a\n-- strata:upgrade SELECT 1;\n", ErrorCode.SCRIPT_SECTION_INVALID, 2,
                "must stand alone");
        assertError("-- strata:revision a\n-- strata:upgrade\nSELECT 1;\n-- strata:message late\n",
                ErrorCode.SCRIPT_SECTION_INVALID, 4, "header line '-- strata:message' inside a section");
    }

    @Test
    void unterminatedSqlNamesTheFileLine() {
        assertError("-- strata:revision a\n-- strata:upgrade\nSELECT 1;\n\nSELECT 'open;\n-- strata:downgrade\n",
                ErrorCode.SQL_UNTERMINATED, 5, "unterminated string literal");
    }

    private static final String DEFERRED = """
            -- strata:revision r1
            -- strata:upgrade
            CREATE TABLE app.docs (id int PRIMARY KEY, embedding vector(3));
            -- strata:defer-until-rows
            CREATE INDEX docs_embedding_idx ON app.docs USING ivfflat (embedding vector_l2_ops) WITH (lists = 4);
            CREATE TABLE metrics (t timestamptz NOT NULL, e vector(3));
            -- strata:defer-until-rows
            CREATE INDEX "Metrics E" ON metrics USING IVFFLAT ("e" vector_cosine_ops) WITH (timescaledb.transaction_per_chunk);
            -- strata:downgrade
            DROP TABLE metrics;
            DROP TABLE app.docs;
            """;

    @Test
    void deferUntilRowsMakesTheNextIvfflatBuildADeferredOneAndKeepsTheRevisionTransactional() {
        SqlMigration m = ScriptParser.parse(FILE, DEFERRED);
        assertThat(m.transactional()).isTrue();
        var plan = m.upgradePlan();
        assertThat(plan).hasSize(4);
        assertThat(plan.get(0).deferredBuild()).isNull();
        var docs = plan.get(1).deferredBuild();
        assertThat(docs.index()).isEqualTo("app.docs_embedding_idx");
        assertThat(docs.table()).isEqualTo("app.docs");
        assertThat(docs.minRows()).isEqualTo(4 * 39);
        assertThat(docs.build()).last().isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS docs_embedding_idx ON app.docs"
                + " USING ivfflat (embedding vector_l2_ops) WITH (lists = 4)");
        assertThat(docs.build().get(0)).startsWith("DO $strata$").contains("maintenance_work_mem");
        assertThat(plan.get(1).sql()).startsWith("DO $strata$").contains(">= 156")
                .contains("CREATE INDEX IF NOT EXISTS docs_embedding_idx ON app.docs USING ivfflat")
                .doesNotContain("CONCURRENTLY");
        var metrics = plan.get(3).deferredBuild();
        assertThat(metrics.minRows()).isEqualTo(100 * 39);
        assertThat(metrics.index()).isEqualTo("\"Metrics E\"");
        // a hypertable: built per chunk, never CONCURRENTLY; the offline DO block leaves the per-chunk option out
        assertThat(metrics.build()).last().asString().contains("WITH (timescaledb.transaction_per_chunk)")
                .doesNotContain("CONCURRENTLY");
        assertThat(plan.get(3).sql()).doesNotContain("transaction_per_chunk");
        assertThat(plan.get(3).source()).isEqualTo(FILE + ":8");
    }

    @Test
    void deferUntilRowsIsRefusedWhereItCannotApply() {
        String head = "-- strata:revision r1\n-- strata:upgrade\n";
        String tail = "\n-- strata:downgrade\nSELECT 1;\n";
        assertError(head + "-- strata:defer-until-rows\nCREATE INDEX i ON t USING hnsw (e vector_l2_ops);" + tail,
                ErrorCode.SCRIPT_SECTION_INVALID, 3, "builds a hnsw index, which builds right away");
        assertError(head + "-- strata:defer-until-rows\nCREATE INDEX ON t USING ivfflat (e vector_l2_ops);" + tail,
                ErrorCode.SCRIPT_SECTION_INVALID, 3, "give the index a name");
        assertError(head + "-- strata:defer-until-rows\nCREATE INDEX i ON t USING ivfflat (e vector_l2_ops) WITH (probes = 2);"
                + tail, ErrorCode.SCRIPT_SECTION_INVALID, 3, "has 'probes = 2'");
        assertError(head + "SELECT 1;\n-- strata:defer-until-rows 500\nCREATE INDEX i ON t USING ivfflat (e vector_l2_ops);" + tail,
                ErrorCode.SCRIPT_SECTION_INVALID, 4, "takes no value");
        assertError(head + "SELECT 1;\n-- strata:defer-until-rows\n" + tail,
                ErrorCode.SCRIPT_SECTION_INVALID, 4, "has no statement below it");
        assertError("-- strata:revision r1\n-- strata:defer-until-rows\n-- strata:upgrade\nSELECT 1;" + tail,
                ErrorCode.SCRIPT_SECTION_INVALID, 2, "is no header key");
        assertError(head + "SELECT 1;\n-- strata:downgrade\n-- strata:defer-until-rows\nDROP INDEX i;\n",
                ErrorCode.SCRIPT_SECTION_INVALID, 5, "in the downgrade section");
    }

    @Test
    void theDirectiveCountsInTheChecksum() {
        String without = DEFERRED.replace("-- strata:defer-until-rows\n", "");
        assertThat(ScriptParser.parse(FILE, without).checksum()).isNotEqualTo(ScriptParser.parse(FILE, DEFERRED).checksum());
    }

    private static void assertError(String text, ErrorCode code, int line, String fragment) {
        assertThatThrownBy(() -> ScriptParser.parse(FILE, text))
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(FILE + ":" + line)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
