package dev.strata.bench.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The inspect + diff benchmark's options, and a small run of it against the tests' PostgreSQL server. */
class DiffBenchmarkTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void optionsHaveTheirDefaultsAndABadOneIsOneLine() {
        DiffBenchmark.Options defaults = DiffBenchmark.Options.parse(new String[0]);
        assertThat(defaults.names()).isEqualTo(new DiffBenchmark.Names("bench_diff_a", "bench_diff_b"));
        assertThat(defaults.tables()).isEqualTo(1000);
        assertThat(defaults.warmup()).isEqualTo(10);
        assertThat(defaults.parallel()).isTrue();
        assertThat(defaults.drop()).isFalse();
        DiffBenchmark.Options set = DiffBenchmark.Options.parse(new String[] {"--prefix", "mine", "--tables", "5",
                "--warmup", "0", "--repeat", "0", "--sequential", "--drop"});
        assertThat(set.names()).isEqualTo(new DiffBenchmark.Names("mine_a", "mine_b"));
        assertThat(set.repeat()).isEqualTo(1); // at least one timed run
        assertThat(set.parallel()).isFalse();
        assertThat(set.drop()).isTrue();
        assertThat(DiffBenchmark.Options.parse(new String[] {"--tables", "5", "--help"}).help()).isTrue();

        assertThatThrownBy(() -> DiffBenchmark.Options.parse(new String[] {"--prefix", "Bench-Diff"}))
                .hasMessage("--prefix Bench-Diff: a database name prefix is lower-case letters, digits and _, at most"
                        + " 60 characters, not starting with a digit");
        assertThatThrownBy(() -> DiffBenchmark.Options.parse(new String[] {"--prefix"}))
                .hasMessage("--prefix needs a name");
        assertThatThrownBy(() -> DiffBenchmark.Options.parse(new String[] {"--tables", "many"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tables");
        assertThatThrownBy(() -> DiffBenchmark.Options.parse(new String[] {"--fast"}))
                .hasMessage("unknown argument --fast");
    }

    @Test
    void aSmallRunInspectsAndDiffsBothDatabasesThenDropsThem() throws Exception {
        String url = db.adminJdbcUrl(); // the benchmark makes and drops its own two databases on that server
        String prefix = "bench_difftest_" + ProcessHandle.current().pid();
        try {
            String setup = run("--url", url, "--prefix", prefix, "--tables", "12", "--setup-only");
            assertThat(setup).contains("setup: 12 tables in " + prefix + "_a and " + prefix + "_b");
            assertThat(databases(url, prefix)).isEqualTo(2);

            // a fresh JVM's one inspect + diff (here in this one): the changed copy differs
            assertThat(run("--url", url, "--prefix", prefix, "--once"))
                    .containsPattern("once: inspect \\d+ ms, diff \\d+ ms, [1-9]\\d* ops");

            String report = run("--url", url, "--prefix", prefix, "--reuse", "--warmup", "1", "--repeat", "2",
                    "--sequential", "--drop");
            assertThat(report)
                    .contains("setup: reusing " + prefix + "_a and " + prefix + "_b as they are")
                    .containsPattern("cold \\(first in this JVM\\): inspect \\d+ ms, diff \\d+ ms, total \\d+ ms,"
                            + " [1-9]\\d* ops")
                    .contains("warm-up: 1 untimed runs")
                    .contains("warm (median of 2)")
                    .contains("(both databases, one after the other)")
                    .containsPattern("(PASS|MISS) warm inspect \\+ diff <= 1000 ms: \\d+ ms");
            assertThat(databases(url, prefix)).isZero();
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + prefix + "_a");
                s.execute("DROP DATABASE IF EXISTS " + prefix + "_b");
            }
        }
    }

    private static String run(String... args) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DiffBenchmark.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static int databases(String url, String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname IN ('" + prefix + "_a', '"
                     + prefix + "_b')")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
