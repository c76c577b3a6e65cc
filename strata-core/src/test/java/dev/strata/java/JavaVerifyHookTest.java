package dev.strata.java;

import dev.strata.op.Operations;
import dev.strata.plan.Tx;
import dev.strata.script.JavaMigrationScript;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A Java revision's {@code verify()}: its statements become the verify plan and count in the checksum. */
class JavaVerifyHookTest {
    @StrataRevision(id = "j1", message = "table")
    public static final class Plain implements JavaMigration {
        @Override
        public void upgrade(Operations op) {
            op.sql("CREATE TABLE t (id int)", "DROP TABLE t");
        }
    }

    @StrataRevision(id = "j1", message = "table")
    public static final class Verified implements JavaMigration {
        @Override
        public void upgrade(Operations op) {
            op.sql("CREATE TABLE t (id int)", "DROP TABLE t");
        }

        @Override
        public List<String> verify() {
            return List.of("SELECT count(*) = 0 FROM t");
        }
    }

    @Test
    void verifyStatementsArePlannedAndChecksummed() {
        JavaMigrationScript plain = JavaRevisionReader.read(Plain.class);
        JavaMigrationScript verified = JavaRevisionReader.read(Verified.class);
        assertThat(plain.verifyPlan()).isEmpty();
        assertThat(verified.verifyPlan()).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("SELECT count(*) = 0 FROM t");
            assertThat(s.tx()).isEqualTo(Tx.IN_TRANSACTION);
            assertThat(s.source()).endsWith("Verified verify 1");
        });
        assertThat(verified.checksum()).isNotEqualTo(plain.checksum());
        assertThat(verified.upgradePlan()).isEqualTo(plain.upgradePlan().stream()
                .map(st -> new dev.strata.plan.Statement(st.sql(), st.tx(), st.hazards(),
                        st.source().replace("Plain", "Verified"), st.backfill(), st.deferredBuild())).toList());
    }
}
