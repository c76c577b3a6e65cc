package dev.strata.bench.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OnlineOptionsTest {

    @Test
    void defaults() {
        OnlineOptions o = OnlineOptions.parse(new String[0]);

        assertThat(o.adminUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        assertThat(o.rows()).isEqualTo(5_000_000);
        assertThat(o.rate()).isEqualTo(200);
        assertThat(o.pool()).isEqualTo(4);
        assertThat(o.ops()).containsExactly(OnlineOp.values());
        assertThat(o.modes()).containsExactly(Mode.NAIVE, Mode.STRATA);
        assertThat(o.settle()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.reuse()).isFalse();
        assertThat(o.customers()).isEqualTo(100_000);
    }

    @Test
    void optionsAndFlags() {
        OnlineOptions o = OnlineOptions.parse(new String[] {
            "--rows", "200_000", "--rate", "50", "--ops", "widen-int, add-foreign-key,widen-int",
            "--modes", "strata", "--settle-ms", "500", "--reuse", "--keep"});

        assertThat(o.rows()).isEqualTo(200_000);
        assertThat(o.rate()).isEqualTo(50);
        assertThat(o.ops()).containsExactly(OnlineOp.WIDEN_INT, OnlineOp.ADD_FOREIGN_KEY);
        assertThat(o.modes()).containsExactly(Mode.STRATA);
        assertThat(o.settle()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.reuse()).isTrue();
        assertThat(o.keep()).isTrue();
        assertThat(o.customers()).isEqualTo(4_000);
    }

    @Test
    void badUsageSaysWhat() {
        assertThatThrownBy(() -> OnlineOptions.parse(new String[] {"--bogus", "1"}))
                .hasMessageStartingWith("unknown option --bogus");
        assertThatThrownBy(() -> OnlineOptions.parse(new String[] {"--ops", "drop-table"}))
                .hasMessageStartingWith("unknown operation 'drop-table'; known: add-column-volatile");
        assertThatThrownBy(() -> OnlineOptions.parse(new String[] {"--modes", "fast"}))
                .hasMessageStartingWith("unknown mode 'fast'");
        assertThatThrownBy(() -> OnlineOptions.parse(new String[] {"--rows", "10"}))
                .hasMessageContaining("--rows must be at least 1000");
        assertThatThrownBy(() -> OnlineOptions.parse(new String[] {"--batch", "500"}))
                .hasMessageStartingWith("unknown option --batch");
        assertThatThrownBy(() -> OnlineOptions.parse(new String[] {"--rate"}))
                .hasMessageStartingWith("missing value after --rate");
        assertThatThrownBy(() -> OnlineOptions.parse(new String[] {"--rate", "fast"}))
                .hasMessage("--rate needs a whole number of at least 1, not 'fast'");
        assertThat(OnlineOptions.parse(new String[] {"--rows", "5_000_000"}).rows()).isEqualTo(5_000_000L);
    }

    @Test
    void scratchUrlKeepsHostAndParameters() {
        assertThat(BenchDatabase.urlFor("jdbc:postgresql://db:5433/postgres?user=x&password=y", "bench_online_ddl"))
                .isEqualTo("jdbc:postgresql://db:5433/bench_online_ddl?user=x&password=y");
        assertThat(WriteLoad.redact("jdbc:postgresql://db/postgres?password=secret")).isEqualTo("jdbc:postgresql://db/postgres");
    }
}
