package dev.strata.postgres.ext;

import dev.strata.op.QualifiedName;
import dev.strata.op.ext.AddCompressionPolicy;
import dev.strata.op.ext.AddRefreshPolicy;
import dev.strata.op.ext.AddRetentionPolicy;
import dev.strata.op.ext.CreateContinuousAggregate;
import dev.strata.op.ext.CreateHypertable;
import dev.strata.op.ext.OrderColumn;
import dev.strata.op.ext.SetCompression;
import dev.strata.testkit.TestDatabase;
import dev.strata.testkit.Extensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000 Appendix C through the TimescaleDB ops, then every reverse. Fails on CI without the
 * extension, skips elsewhere ({@link Extensions#require}).
 */
class TimescaleDbTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void appendixCUpAndDown() throws Exception {
        try (Connection c = db.connect()) {
            Extensions.require(c, "timescaledb");
            QualifiedName metrics = QualifiedName.of("public", "financial_metrics");
            Apply.execute(c, "CREATE TABLE financial_metrics (company_id integer NOT NULL, metric_type text NOT NULL,"
                    + " metric_date timestamptz NOT NULL, value double precision)");
            QualifiedName monthly = QualifiedName.of("public", "metrics_monthly");
            CreateHypertable hypertable = CreateHypertable.of(metrics, "metric_date", "1 week").withIfNotExists(true);
            SetCompression compression = SetCompression.of(metrics, List.of("company_id", "metric_type"),
                    List.of(OrderColumn.desc("metric_date")));
            AddCompressionPolicy compress = new AddCompressionPolicy(metrics, "30 days");
            AddRetentionPolicy retention = new AddRetentionPolicy(metrics, "2 years");
            CreateContinuousAggregate cagg = new CreateContinuousAggregate(monthly,
                    "SELECT company_id, metric_type, time_bucket('1 month', metric_date) AS month, avg(value) AS avg_value\n"
                            + "FROM financial_metrics GROUP BY company_id, metric_type, month", false);
            AddRefreshPolicy refresh = new AddRefreshPolicy(monthly, "3 months", "1 hour", "1 hour");
            Apply.ops(c, hypertable, compression, compress, retention, cagg, refresh);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_name = 'financial_metrics' AND compression_enabled")).isEqualTo(1);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM timescaledb_information.jobs"
                    + " WHERE proc_name IN ('policy_compression', 'policy_retention', 'policy_refresh_continuous_aggregate')")).isEqualTo(3);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM timescaledb_information.continuous_aggregates"
                    + " WHERE view_name = 'metrics_monthly'")).isEqualTo(1);

            Apply.reverse(c, compression, compress, retention, cagg, refresh);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM timescaledb_information.jobs"
                    + " WHERE proc_name IN ('policy_compression', 'policy_retention', 'policy_refresh_continuous_aggregate')")).isZero();
            assertThat(Apply.scalar(c, "SELECT count(*) FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_name = 'financial_metrics' AND compression_enabled")).isZero();
        }
    }
}
