package dev.strata.engine.lint;

import dev.strata.engine.Strata;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The lint gate as a library call: pending revisions only, refused findings, --allow, nothing printed. */
class LintGateTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void refusesPendingFindingsUnlessAllowed() throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/r1.sql"), "-- strata:revision r1\n-- strata:upgrade\n"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n-- strata:downgrade\nDROP TABLE orders;\n");
        Files.writeString(dir.resolve("db/r2.sql"), "-- strata:revision r2\n-- strata:parents r1\n-- strata:upgrade\n"
                + "CREATE INDEX orders_customer ON orders (customer_id);\n-- strata:downgrade\nDROP INDEX orders_customer;\n");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        Strata strata = Strata.configure().dataSource(ds).workingDir(dir).locations("db").load();

        LintVerdict all = strata.lint("head");
        assertThat(all.enabled()).isTrue();
        assertThat(all.refused()).isTrue();
        assertThat(all.failingRules()).containsExactly("SA001");
        assertThat(all.failing().get(0).location().toString()).isEqualTo("db/r2.sql:4");

        assertThat(strata.lint("head", "require-concurrent-index-creation").refused()).isFalse();
        assertThat(strata.lint("r1").refused()).isFalse();

        strata.upgrade("r1");
        // r1 is applied: only r2 is linted now; its downgrade's DROP INDEX is a warning, not failing
        LintVerdict pending = strata.lint("head", "SA001");
        assertThat(pending.report().revisions()).isEqualTo(1);
        assertThat(pending.refused()).isFalse();
        assertThat(pending.upgradeFindings()).extracting(f -> f.rule().id()).containsExactly("SA001");
    }
}
