package dev.strata.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the checksums of files with every kind of layout detail the checksum form normalizes (byte order mark, CRLF,
 * trailing whitespace, blank lines around and inside sections, empty sections, no final newline, directives inside
 * sections, non-ASCII text), so a faster parser cannot change a stored checksum unnoticed. The values were computed
 * by the line-splitting parser this one replaced.
 */
class ChecksumGoldenTest {
    private static final String[] CASES = {
        "-- strata:revision a1\n-- strata:message m\n\n-- strata:upgrade\nCREATE TABLE t (id int);\n\n-- strata:downgrade\nDROP TABLE t;\n",
        "\uFEFF-- strata:revision a2\r\n-- strata:parents p2 p1\r\n-- strata:upgrade\r\n\r\n  CREATE TABLE t (id int);   \r\n\r\n\r\n-- strata:downgrade\r\nDROP TABLE t;\t \r\n\r\n",
        "-- strata:revision a3\n-- strata:parents p1\n-- strata:depends-on d2 d1\n-- strata:transactional false\n-- strata:upgrade\n-- strata:allow R1 because\nCREATE INDEX CONCURRENTLY i ON t (a);\n  -- a comment\n\n\nSELECT 1;\n-- strata:downgrade\n-- strata:verify\nSELECT 1 FROM t;  \n\n",
        "-- strata:revision a4\n-- strata:irreversible no way\n-- strata:upgrade\nDROP TABLE t;",
        "-- strata:revision a5\n-- strata:upgrade\n-- strata:downgrade",
        "-- strata:revision a6\n-- strata:upgrade\nSELECT 1;\n\u000B\f\n \n-- strata:downgrade\nSELECT 2;\n \n\t\n",
        "-- strata:revision a7\n-- strata:parents p1 p2\n-- strata:upgrade\n-- strata:downgrade\n\n",
        "-- strata:revision a8\n-- strata:upgrade\n-- strata:defer-until-rows\nCREATE INDEX i ON t USING ivfflat (v vector_l2_ops) WITH (lists = 10);\n--strata:allow X y\n-- strata:downgrade\nDROP INDEX i;\n-- strata:verify\n\n",
        "-- strata:revision a9\n-- strata:upgrade\nSELECT 'ü€𝄞';  \u2003\nSELECT 2;\r\n-- strata:downgrade\nSELECT 3;\rSELECT 4;\n",
        "\n\n-- a header comment\n  -- strata:revision   b1  \n-- strata:branch-labels x\n--   strata:upgrade\n  \t\nSELECT 1;\n    -- strata:downgrade\nSELECT 2;\n\n\n\n",
    };

    private static final String[] CHECKSUMS = {
            "c7678778c561c0b896733b15b84c350fbcc9b238cb3393d9f7ad296b99bb5281",
            "9f0841072fb7b690fe1f1d1ced860db38df5fc95aeb2dea862bd39e6a8063f14",
            "ac9c2e70536e633d25f893c4075f05a978fec45dbde858d5a7d822e900c85e0e",
            "35f452b8c854ad1c84dc5e0912cd2213241de5183df645a8d9ba4234dcf9763d",
            "b78cc9b3fa23af9c5554fe787d51a7de9fddae73f0528ced2d8fd969a7b11dc2",
            "05a483a3ac8837bae8ed6293d8b0df04b5da9e6f3ebcda8812073397da95d322",
            "970e5c59637cb42a214c9ef4206a208c9a7d2d1bd4aebb4a1c9fdb01becc3b26",
            "ad07e3c48f0892238d0fc9854e02edde2f474ddcecbe288b0195eb048df9ff62",
            "a034e701c394853edb2785682c191d21a45065cad48bb1c6365e2e8fbec88377",
            "6d724af3c3c84d0401964d7d851180489f3d0d6813408bd6ea7e4bfe2a3dbde2",
    };

    @Test
    void checksumsAreThoseOfTheLineSplittingParser() {
        for (int i = 0; i < CASES.length; i++) {
            assertThat(ScriptParser.parse("f" + i + ".sql", CASES[i]).checksum().hex()).as("case %d", i)
                    .isEqualTo(CHECKSUMS[i]);
            assertThat(ScriptParser.parseHeader("f" + i + ".sql", CASES[i]).checksum().hex()).as("case %d", i)
                    .isEqualTo(CHECKSUMS[i]);
        }
    }

    @Test
    void statementsKeepTheirLines() {
        assertThat(lines(ScriptParser.parse("f.sql", CASES[2]).upgrade())).containsExactly(7, 11);
        assertThat(ScriptParser.parse("f.sql", CASES[2]).verify()).hasSize(1);
        assertThat(ScriptParser.parse("f.sql", CASES[7]).deferredBuilds()).containsOnlyKeys(4);
        assertThat(lines(ScriptParser.parse("f.sql", CASES[8]).upgrade())).containsExactly(3, 4);
        assertThat(ScriptParser.parse("f.sql", CASES[8]).downgradeStatements()).hasSize(2);
        assertThat(lines(ScriptParser.parse("f.sql", CASES[9]).upgrade())).containsExactly(8);
    }

    private static List<Integer> lines(List<dev.strata.sql.SqlStatement> statements) {
        return statements.stream().map(dev.strata.sql.SqlStatement::line).toList();
    }
}
