package dev.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionsAndSummaryTest {

    @Test
    void floorFlagsAreTheLaunchersDefaults() throws Exception {
        String launcher = java.nio.file.Files.readString(java.nio.file.Path.of("../bin/strata"));
        assertThat(launcher).contains("${STRATA_JAVA_OPTS:-" + String.join(" ", BenchOptions.STRATA_LAUNCHER_OPTS) + "}");
    }

    @Test
    void defaults() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertThat(options.adminUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        assertThat(options.count()).isEqualTo(1000);
        assertThat(options.repeat()).isEqualTo(3);
        assertThat(options.tools()).containsExactly(Tool.FLOOR, Tool.FLYWAY, Tool.LIQUIBASE, Tool.ALEMBIC, Tool.STRATA);
        assertThat(options.javaOpts()).isEmpty();
        assertThat(options.tablespace()).isNull();
    }

    @Test
    void options() {
        BenchOptions options = BenchOptions.parse(
                new String[] {"--count", "50", "--repeat", "5", "--tools", "flyway,floor", "--java-opts", " -Xmx64m  -Xss1m ",
                        "--tablespace", "ram"});

        assertThat(options.count()).isEqualTo(50);
        assertThat(options.repeat()).isEqualTo(5);
        assertThat(options.tools()).containsExactly(Tool.FLYWAY, Tool.FLOOR);
        assertThat(options.javaOpts()).containsExactly("-Xmx64m", "-Xss1m");
        assertThat(options.tablespace()).isEqualTo("ram");
    }

    @Test
    void helpNamesEveryOption() {
        for (String option : new String[] {"--url", "--count", "--repeat", "--tools", "--work", "--java-opts",
                "--tablespace", "--memory-check", "--help"}) {
            assertThat(BenchOptions.HELP).contains("  " + option + " ");
        }
        assertThat(BenchOptions.HELP).startsWith(BenchOptions.USAGE);
    }

    @Test
    void badUsageSaysWhat() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--bogus", "1"}))
                .hasMessageStartingWith("unknown option --bogus");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--tools", "sqitch"}))
                .hasMessageStartingWith("unknown tool 'sqitch'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--count"}))
                .hasMessageStartingWith("missing value after --count");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--count", "1k"}))
                .hasMessage("--count needs a whole number of at least 1, not '1k'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repeat", "0"}))
                .hasMessage("--repeat needs a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--url", "postgresql://x/y"}))
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void scratchUrlsKeepHostPortAndParameters() {
        assertThat(ScratchDatabases.urlFor("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "bench_a"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/bench_a?user=postgres");
        assertThat(ScratchDatabases.urlFor("jdbc:postgresql://db/postgres", "bench_a"))
                .isEqualTo("jdbc:postgresql://db/bench_a");
        assertThat(ScratchDatabases.urlFor("jdbc:postgresql://db?user=x", "bench_a"))
                .isEqualTo("jdbc:postgresql://db/bench_a?user=x");
    }

    @Test
    void mediansAndRotation() {
        assertThat(Summary.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Summary.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        List<Tool> tools = List.of(Tool.FLOOR, Tool.FLYWAY, Tool.STRATA);
        assertThat(ApplyBenchmark.rotate(tools, 1)).containsExactly(Tool.FLYWAY, Tool.STRATA, Tool.FLOOR);
        assertThat(ApplyBenchmark.rotate(tools, 3)).isEqualTo(tools);
    }

    @Test
    void verdicts() {
        assertThat(ReportPrinter.verdict(Optional.of(0.3), 0.4)).isEqualTo("0.30x PASS");
        assertThat(ReportPrinter.verdict(Optional.of(0.41), 0.4)).isEqualTo("0.41x MISS");
        assertThat(ReportPrinter.verdict(Optional.empty(), 0.4)).isEqualTo("n/a");
    }

    @Test
    void cpuTimeComesFromGnuTimesLine() {
        assertThat(ChildLauncher.cpuSeconds(List.of("noise", ChildLauncher.CPU_MARKER + " 0.71 0.05"))).isEqualTo(0.76,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ChildLauncher.cpuSeconds(List.of("no such line"))).isEqualTo(-1.0);
    }
}
