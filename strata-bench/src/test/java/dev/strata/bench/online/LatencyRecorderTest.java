package dev.strata.bench.online;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void nearestRankPercentiles() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(LatencyRecorder.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LatencyRecorder.percentile(sorted, 99)).isEqualTo(99);
        assertThat(LatencyRecorder.percentile(sorted, 100)).isEqualTo(100);
        assertThat(LatencyRecorder.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(LatencyRecorder.percentile(new long[0], 99)).isZero();
    }

    @Test
    void theChangeWindowHoldsWritesInFlightDuringItAndErrorsCountOverTheWholeWindow() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(0, 5, null);            // before the change: window only
        r.record(90, 400, null);         // scheduled before, stalled across the start
        r.record(150, 160, "40001 boom");
        r.record(190, 210, null);        // runs past the end
        r.record(300, 305, null);        // after the change: window only
        for (int i = 0; i < 5000; i++) { // grows past the initial capacity
            r.record(1000 + i, 1001 + i, null);
        }

        WindowStats s = r.summarize(100, 200);

        assertThat(s.writes()).isEqualTo(3);
        assertThat(s.windowWrites()).isEqualTo(5005);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.p50()).isEqualTo(20);
        assertThat(s.max()).isEqualTo(310);
        assertThat(s.windowMax()).isEqualTo(310);
        assertThat(s.errorSamples()).containsExactly("40001 boom");
    }
}
