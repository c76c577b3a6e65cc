package dev.strata.engine.lint;

import dev.strata.error.StrataException;
import dev.strata.lint.LintOptions;
import dev.strata.lint.Severity;
import dev.strata.lint.SizeThresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The [lint] table: size thresholds, their defaults and their errors; the severity they lead to. */
class LintConfigTest {
    @TempDir
    Path dir;

    private LintOptions read(String toml) throws Exception {
        Path f = dir.resolve("strata.toml");
        Files.writeString(f, toml);
        return LintConfig.read(Optional.of(f), Duration.ofSeconds(2));
    }

    @Test
    void sizeThresholds() throws Exception {
        assertThat(read("[lint]\nfail_on = \"warning\"\n").sizes()).isEqualTo(SizeThresholds.DEFAULTS);
        SizeThresholds t = read("[lint]\nrows_plus_one = 100\nrows_plus_two = 5000\n").sizes();
        assertThat(t.severity(Severity.ERROR, 50)).isEqualTo(Severity.WARNING);
        assertThat(t.severity(Severity.ERROR, 101)).isEqualTo(Severity.ERROR);
        assertThat(t.severity(Severity.WARNING, 50)).isEqualTo(Severity.INFO);
        assertThat(t.severity(Severity.WARNING, 101)).isEqualTo(Severity.WARNING);
        assertThat(t.severity(Severity.WARNING, 5001)).isEqualTo(Severity.ERROR);
        assertThat(t.severity(Severity.INFO, 5001)).isEqualTo(Severity.WARNING);
        assertThat(read("[lint]\nsize_aware = false\n").sizes().enabled()).isFalse();
        assertThatThrownBy(() -> read("[lint]\nrows_plus_one = \"many\"\n")).isInstanceOf(StrataException.class)
                .hasMessageContaining("strata.toml: [lint] rows_plus_one must be a row count");
        assertThatThrownBy(() -> read("[lint]\nrows_plus_one = 10\nrows_plus_two = 5\n"))
                .hasMessageContaining("[lint] rows_plus_two (5) is below rows_plus_one (10)");
        assertThatThrownBy(() -> read("[lint]\nsize = 1\n")).hasMessageContaining("unknown key size in [lint]");
    }
}
