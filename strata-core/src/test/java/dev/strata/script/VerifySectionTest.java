package dev.strata.script;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional {@code -- strata:verify} section: where it may stand, what it holds, what the checksum makes of it. */
class VerifySectionTest {
    private static final String BASE = """
            -- strata:revision r1
            -- strata:upgrade
            CREATE TABLE t (id int);
            -- strata:downgrade
            DROP TABLE t;
            """;

    @Test
    void parsedWithLinesAndTheRevisionsTransactionMode() {
        SqlMigration m = ScriptParser.parse("f.sql", BASE + "-- strata:verify\nSELECT count(*) = 0 FROM t;\n"
                + "SELECT 1;\n");
        assertThat(m.verify()).containsExactly(new SqlStatement("SELECT count(*) = 0 FROM t", 7),
                new SqlStatement("SELECT 1", 8));
        assertThat(m.verifyPlan()).extracting(s -> s.source()).containsExactly("f.sql:7", "f.sql:8");
        assertThat(m.verifyPlan()).allMatch(s -> s.tx() == Tx.IN_TRANSACTION);
        assertThat(m.upgrade()).hasSize(1);
        assertThat(m.downgrade().orElseThrow()).hasSize(1);
        SqlMigration nt = ScriptParser.parse("f.sql", BASE.replace("-- strata:upgrade",
                "-- strata:transactional false\n-- strata:upgrade") + "-- strata:verify\nSELECT true;\n");
        assertThat(nt.verifyPlan()).allMatch(s -> s.tx() == Tx.NO_TRANSACTION);
        // an irreversible revision may verify right after its upgrade
        SqlMigration irr = ScriptParser.parse("f.sql", "-- strata:revision r1\n-- strata:irreversible data\n"
                + "-- strata:upgrade\nDELETE FROM t;\n-- strata:verify\nSELECT count(*) = 0 FROM t;\n");
        assertThat(irr.verify()).hasSize(1);
    }

    @Test
    void theChecksumOfAFileWithoutOneIsUnchanged() {
        SqlMigration plain = ScriptParser.parse("f.sql", BASE);
        // the SHA-256 this file had before verify sections existed (the form of ChecksumForm version 1, by hand)
        assertThat(plain.checksum().hex()).isEqualTo("ef9e3aa9eba5d3ddfe7a1f5a51ee67a09646880ad825afbc053a122ddc676c70");
        assertThat(plain.verify()).isEmpty();
        SqlMigration withVerify = ScriptParser.parse("f.sql", BASE + "-- strata:verify\nSELECT true;\n");
        SqlMigration other = ScriptParser.parse("f.sql", BASE + "-- strata:verify\nSELECT false;\n");
        assertThat(withVerify.checksum()).isNotEqualTo(plain.checksum()).isNotEqualTo(other.checksum());
        // an empty verify section is still a section
        assertThat(ScriptParser.parse("f.sql", BASE + "-- strata:verify\n").checksum()).isNotEqualTo(plain.checksum());
    }

    @Test
    void misplacedSectionsAreErrorsWithTheirLine() {
        assertThatThrownBy(() -> ScriptParser.parse("f.sql", "-- strata:revision r1\n-- strata:verify\nSELECT 1;\n"
                + "-- strata:upgrade\nSELECT 1;\n-- strata:downgrade\n"))
                .isInstanceOfSatisfying(StrataException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_SECTION_INVALID);
                    assertThat(e.getMessage()).startsWith("f.sql:2: '-- strata:verify' before '-- strata:upgrade'");
                });
        assertThatThrownBy(() -> ScriptParser.parse("f.sql", "-- strata:revision r1\n-- strata:upgrade\nSELECT 1;\n"
                + "-- strata:verify\nSELECT 1;\n-- strata:downgrade\nSELECT 2;\n"))
                .hasMessageStartingWith("f.sql:6: '-- strata:downgrade' after '-- strata:verify' (line 4)");
        assertThatThrownBy(() -> ScriptParser.parse("f.sql", BASE + "-- strata:verify\n-- strata:verify\n"))
                .hasMessageStartingWith("f.sql:7: second '-- strata:verify' section (first at line 6)");
        assertThatThrownBy(() -> ScriptParser.parse("f.sql", BASE + "-- strata:verfy\n"))
                .hasMessageContaining("did you mean '-- strata:verify'?");
    }
}
