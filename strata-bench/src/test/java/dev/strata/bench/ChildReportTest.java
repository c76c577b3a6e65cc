package dev.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChildReportTest {

    @Test
    void lineRoundTrips() {
        ChildReport report = new ChildReport("flyway", 1234.5, 98765);

        assertThat(report.line()).isEqualTo("strata-bench-result tool=flyway millis=1234.500 rss_kb=98765");
        assertThat(ChildReport.parse(report.line())).contains(report);
    }

    @Test
    void otherLinesAreIgnored() {
        assertThat(ChildReport.parse("INFO: Migrating schema \"public\" to version \"1\"")).isEmpty();
        assertThat(ChildReport.parse("strata-bench-result tool=x")).isEmpty();
    }

    @Test
    void theRunningProcessHasAPeakRss() {
        ChildReport report = ChildReport.now("floor", System.nanoTime());

        assertThat(report.peakRssKb()).isPositive();
        assertThat(report.millis()).isNotNegative();
    }

    @Test
    void rejectsNegativeValues() {
        assertThatThrownBy(() -> new ChildReport("floor", -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
