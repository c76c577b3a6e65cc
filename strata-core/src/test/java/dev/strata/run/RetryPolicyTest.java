package dev.strata.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    @Test
    void delaysDoubleUpToTheCap() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(p.delayAfter(6)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.delayAfter(9)).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CREATE INDEX CONCURRENTLY idx ON t (a)|idx",
            "create unique index concurrently if not exists Idx_2 on t (a)|Idx_2",
            "  CREATE INDEX CONCURRENTLY \"Odd \"\"name\"\" here\" ON t (a)|\"Odd \"\"name\"\" here\"",
            "CREATE INDEX idx ON t (a)|",
            "CREATE INDEX CONCURRENTLY ON t (a)|",
            "DROP INDEX CONCURRENTLY idx|"})
    void recognisesConcurrentIndexBuilds(String sql, String name) {
        assertThat(ConcurrentIndex.name(sql)).isEqualTo(name);
    }
}
