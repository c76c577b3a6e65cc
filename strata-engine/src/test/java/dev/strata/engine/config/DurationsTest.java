package dev.strata.engine.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0", "0s, 0", "500ms, 500", "2s, 2000", "1min, 60000", "15min, 900000", "1h, 3600000",
            "1d, 86400000", "'15 min', 900000", "' 2s ', 2000", "1500ms, 1500",
    })
    void parses(String text, long millis) {
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "-1s", "1.5s", "2 secs", "15m", "1hour", "s", "1S", "9999999999999d"})
    void rejects(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "500, 500ms", "2000, 2s", "1500, 1500ms", "900000, 15min", "3600000, 1h", "86400000, 1d"})
    void formatsTheShortestExactForm(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }
}
