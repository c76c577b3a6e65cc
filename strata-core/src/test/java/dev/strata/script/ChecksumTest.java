package dev.strata.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the checksum of a SQL revision ignores and what it covers (see ScriptParser's Javadoc). */
class ChecksumTest {
    private static final String BASE = """
            -- strata:revision 20251115_093012
            -- strata:parents p1 p2
            -- strata:depends-on d1
            -- strata:message Add signal confidence index
            -- strata:branch-labels feature

            -- strata:upgrade
            CREATE INDEX idx_signal_confidence ON signals (confidence);
            -- a comment in the body

            -- strata:downgrade
            DROP INDEX idx_signal_confidence;
            """;

    private static Checksum sum(String text) {
        return ScriptParser.parse("f.sql", text).checksum();
    }

    @Test
    void ignoresByteOrderMark() {
        assertThat(sum("\uFEFF" + BASE)).isEqualTo(sum(BASE));
    }

    @Test
    void ignoresLineEndings() {
        assertThat(sum(BASE.replace("\n", "\r\n"))).isEqualTo(sum(BASE));
    }

    @Test
    void ignoresTrailingWhitespace() {
        assertThat(sum(BASE.replace("\n", "  \t\n"))).isEqualTo(sum(BASE));
    }

    @Test
    void ignoresBlankLinesAroundSections() {
        assertThat(sum(BASE + "\n\n\n")).isEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("-- strata:upgrade\n", "-- strata:upgrade\n\n\n"))).isEqualTo(sum(BASE));
        assertThat(sum(BASE.substring(0, BASE.length() - 1))).isEqualTo(sum(BASE));
    }

    @Test
    void ignoresDocumentationHeadersAndHeaderComments() {
        assertThat(sum(BASE.replace("Add signal confidence index", "Something else"))).isEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("-- strata:message Add signal confidence index\n", ""))).isEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("feature", "other"))).isEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("-- strata:depends-on d1\n",
                "-- strata:depends-on d1\n-- strata:destructive none really\n-- reviewed by the DBA\n\n")))
                .isEqualTo(sum(BASE));
    }

    @Test
    void ignoresTheOrderOfParents() {
        assertThat(sum(BASE.replace("p1 p2", "p2 p1"))).isEqualTo(sum(BASE));
    }

    @Test
    void coversTheSql() {
        assertThat(sum(BASE.replace("(confidence)", "(confidence DESC)"))).isNotEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("DROP INDEX", "DROP INDEX IF EXISTS"))).isNotEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("a comment in the body", "another comment"))).isNotEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("CREATE INDEX", "CREATE  INDEX"))).isNotEqualTo(sum(BASE));
    }

    @Test
    void coversTransactionalAndTheGraphPlace() {
        String nonTx = BASE.replace("-- strata:upgrade", "-- strata:transactional false\n-- strata:upgrade");
        assertThat(sum(nonTx)).isNotEqualTo(sum(BASE));
        String explicitTrue = BASE.replace("-- strata:upgrade", "-- strata:transactional true\n-- strata:upgrade");
        assertThat(sum(explicitTrue)).isEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("p1 p2", "p1 p3"))).isNotEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("d1", "d2"))).isNotEqualTo(sum(BASE));
        assertThat(sum(BASE.replace("20251115_093012", "20251115_093013"))).isNotEqualTo(sum(BASE));
    }

    @Test
    void coversReversibility() {
        String irreversible = BASE.replace("-- strata:upgrade", "-- strata:irreversible no way back\n-- strata:upgrade")
                .replace("DROP INDEX idx_signal_confidence;", "");
        String emptyDowngrade = BASE.replace("DROP INDEX idx_signal_confidence;", "");
        assertThat(sum(irreversible)).isNotEqualTo(sum(emptyDowngrade));
        assertThat(sum(irreversible.replace("no way back", "other reason"))).isEqualTo(sum(irreversible));
    }
}
