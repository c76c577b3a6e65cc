package dev.strata.bench.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The lint benchmark's generated chains and its PASS/MISS lines. */
class LintBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void observedChainIsGroupsOfFiveOnOneTable() throws Exception {
        ObservedLintBenchmark.generate(dir, 10);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(10);
        }
        assertThat(Files.readString(dir.resolve("r0001.sql"))).contains("CREATE TABLE t1 (");
        assertThat(Files.readString(dir.resolve("r0002.sql"))).contains("-- strata:parents r0001")
                .contains("ALTER TABLE t1 ADD COLUMN note text;");
        assertThat(Files.readString(dir.resolve("r0006.sql"))).contains("CREATE TABLE t6 (");
    }

    @Test
    void unknownArgumentsAndMissingValuesAreRefused() {
        LintBenchmark.check(new String[] {"--count", "20", "--dev-url", "none"});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LintBenchmark.check(new String[] {"--bogus", "1"}))
                .hasMessage("unknown argument --bogus");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LintBenchmark.check(new String[] {"--count"}))
                .hasMessage("--count needs a value");
    }

    @Test
    void verdictsArePassOrMissLines() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            ObservedLintBenchmark.verdict("observed lint (default) <= 2x applying", true, "1.40x");
            ObservedLintBenchmark.verdict("static lint <= 1000 ms", false, "1200 ms");
        } finally {
            System.setOut(old);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("PASS observed lint (default) <= 2x applying: 1.40x"
                + System.lineSeparator() + "MISS static lint <= 1000 ms: 1200 ms" + System.lineSeparator());
    }
}
