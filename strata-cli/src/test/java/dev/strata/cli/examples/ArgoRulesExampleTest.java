package dev.strata.cli.examples;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.strata.cli.examples.ExampleProject.column;
import static dev.strata.cli.examples.ExampleProject.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/argo-rules (seed 002): the testing process of the rules, as written — upgrade to the previous
 * release, load test data, upgrade head, verify, downgrade, verify — over the add-column / backfill /
 * set-not-null sequence, the four-step type change with its batched backfill (a Java revision), and the
 * concurrent index build outside a transaction; new revisions get timestamped names.
 */
class ArgoRulesExampleTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void upgradeLoadUpgradeVerifyDowngradeVerify() throws Exception {
        ExampleProject p = ExampleProject.copy("argo-rules", dir, db.jdbcUrl());
        p.compileJava();
        String url = db.jdbcUrl();

        // 2. migrations up to the previous version; 3. test data
        p.ok("upgrade", "20250115_090000");
        script(url, p.dir.resolve("scripts/load_test_data.sql"), false);
        // 4. the new migrations
        var up = p.ok("upgrade", "head");
        assertThat(up.err()).contains("-> 20250120_091000").contains("-> 20250122_090000");
        // 5. data integrity
        script(url, p.dir.resolve("scripts/verify_migration.sql"), true);
        assertThat(value(url, "SELECT format('%s %s', is_nullable, (SELECT data_type FROM information_schema.columns"
                + " WHERE table_name = 'signals' AND column_name = 'confidence')) FROM information_schema.columns"
                + " WHERE table_name = 'users' AND column_name = 'email_normalized'")).isEqualTo("NO double precision");
        assertThat(column(url, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indisvalid AND c.relname IN ('uq_users_email_normalized', 'idx_signal_confidence')"))
                .containsExactlyInAnyOrder("uq_users_email_normalized", "idx_signal_confidence");
        assertThat(column(url, "SELECT conname FROM pg_constraint WHERE conname = 'users_email_normalized_present'")).isEmpty();
        // the backfill ran in batches of 1,000 (2,500 rows: three batches, each committed on its own)
        assertThat(p.ok("show", "20250120_091000").out()).contains("SET \"confidence_new\" = CAST(confidence AS double precision) in batches of 1000");

        // 6. rollback, 7. verify: first the index, then back to before the type change
        assertThat(p.ok("downgrade", "-1").err()).contains("Ran downgrade 20250122_090000 -> 20250121_090000");
        assertThat(column(url, "SELECT 1 FROM pg_class WHERE relname = 'idx_signal_confidence'")).isEmpty();
        p.ok("downgrade", "20250116_090000");
        script(url, p.dir.resolve("scripts/verify_rollback.sql"), true);
        // and forward again, as the next deploy would
        p.ok("upgrade", "head");
        script(url, p.dir.resolve("scripts/verify_migration.sql"), true);

        // Never modify an applied revision: the checksum catches it
        Path applied = p.dir.resolve("migrations/20250115_100000_add_users_email_normalized.sql");
        Files.writeString(applied, Files.readString(applied).replace("varchar(255)", "varchar(320)"));
        var refused = p.run("upgrade", "head");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("checksum").contains("20250115_100000");
        Files.writeString(applied, Files.readString(applied).replace("varchar(320)", "varchar(255)"));

        // "Downgrade Test" for every revision at once: each downgrade restores its parent's schema exactly
        var stairway = p.run("stairway", "--dev-url", db.adminJdbcUrl());
        assertThat(stairway.code()).as(stairway.toString()).isZero();

        // New revisions get timestamped names
        p.ok("revision", "-m", "add signal priority");
        try (Stream<Path> files = Files.list(p.dir.resolve("migrations"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.contains("signal_priority")))
                    .singleElement().asString().matches("\\d{8}_\\d{6}_add_signal_priority\\.sql");
        }
    }

    /** Runs a script's statements; with {@code mustBeEmpty}, each query must return no rows. */
    private static void script(String url, Path file, boolean mustBeEmpty) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : Files.readString(file).split(";\\s*\\n")) {
                String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip();
                if (sql.isEmpty()) {
                    continue;
                }
                if (!mustBeEmpty) {
                    s.execute(sql);
                    continue;
                }
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + (rs.getMetaData().getColumnCount() > 1 ? " " + rs.getString(2) : ""));
                    }
                }
                assertThat(rows).as(file.getFileName() + ": " + sql).isEmpty();
            }
        }
    }
}
