package dev.strata.postgres.ext;

import dev.strata.op.QualifiedName;
import dev.strata.op.ext.AddCompressionPolicy;
import dev.strata.op.ext.AddDimension;
import dev.strata.op.ext.AddRefreshPolicy;
import dev.strata.op.ext.AddReorderPolicy;
import dev.strata.op.ext.AddRetentionPolicy;
import dev.strata.op.ext.CreateContinuousAggregate;
import dev.strata.op.ext.CreateHypertable;
import dev.strata.op.ext.DisableCompression;
import dev.strata.op.ext.OrderColumn;
import dev.strata.op.ext.SetChunkInterval;
import dev.strata.op.ext.SetCompression;
import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every TimescaleDB op of {@code dev.strata.op.ext} and its reverse, run for real on a hypertable that is
 * empty, populated (30 days of rows, compression enabled) and partly compressed (chunks older than 10 days
 * compressed): each op's effect is read back from {@code timescaledb_information}, then its reverse restores
 * the state, and no row is lost. Fails on CI without TimescaleDB, skips elsewhere.
 */
class TimescaleOpsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    enum State { EMPTY, POPULATED, COMPRESSED }

    private static final QualifiedName METRICS = QualifiedName.of("public", "metrics");
    private static final QualifiedName DAILY = QualifiedName.of("public", "metrics_daily");
    private static final String QUERY = "SELECT device, time_bucket('1 day', at) AS day, avg(reading) AS avg_reading\n"
            + "FROM public.metrics GROUP BY device, day";
    private static final String JOBS = "SELECT count(*) FROM timescaledb_information.jobs WHERE hypertable_name = 'metrics'"
            + " AND proc_name = ";

    @ParameterizedTest
    @EnumSource(State.class)
    void eachOpAndItsReverse(State state) throws Exception {
        try (Connection c = db.connect()) {
            Extensions.require(c, "timescaledb");
            Apply.execute(c, "CREATE TABLE metrics (at timestamptz NOT NULL, device integer NOT NULL, reading double precision)");
            if (state != State.EMPTY) {
                Apply.execute(c, "INSERT INTO metrics SELECT (date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')"
                        + " - i * INTERVAL '1 hour', i % 4, i"
                        + " FROM generate_series(1, 720) i");
            }
            // 720 hourly rows ending at the last UTC midnight: 30 whole days, each with every device (the daily
            // aggregate below has 30 x 4 rows whatever the time of day the test runs)
            // on a populated table the rows are moved into chunks
            Apply.ops(c, CreateHypertable.of(METRICS, "at", "1 day").withMigrateData(state != State.EMPTY));
            SetCompression compression = SetCompression.of(METRICS, List.of("device"), List.of(OrderColumn.desc("at")));
            Apply.ops(c, compression);
            if (state == State.COMPRESSED) {
                Apply.execute(c, "SELECT count(compress_chunk(ch, if_not_compressed => true)) FROM show_chunks('metrics', older_than => INTERVAL '10 days') ch");
                assertThat(compressedChunks(c)).isPositive();
            }
            long rows = Apply.scalar(c, "SELECT count(*) FROM metrics");
            assertThat(rows).isEqualTo(state == State.EMPTY ? 0 : 720);

            roundTrip(c, new AddCompressionPolicy(METRICS, "7 days", "1 hour"), JOBS + "'policy_compression'");
            roundTrip(c, new AddRetentionPolicy(METRICS, "1 year", "1 day"), JOBS + "'policy_retention'");
            roundTrip(c, new AddReorderPolicy(METRICS, "metrics_at_idx", "1 day"), JOBS + "'policy_reorder'");
            String interval = "SELECT count(*) FROM timescaledb_information.dimensions WHERE hypertable_name = 'metrics'"
                    + " AND time_interval = INTERVAL '2 days'";
            roundTrip(c, new SetChunkInterval(METRICS, "2 days", "1 day"), interval);
            String caggs = "SELECT count(*) FROM timescaledb_information.continuous_aggregates WHERE view_name = 'metrics_daily'";
            roundTrip(c, new CreateContinuousAggregate(DAILY, QUERY, false), caggs);
            roundTrip(c, new CreateContinuousAggregate(DAILY, QUERY, true, false), caggs);
            CreateContinuousAggregate withData = new CreateContinuousAggregate(DAILY, QUERY, true);
            Apply.ops(c, withData);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM metrics_daily")).isEqualTo(state == State.EMPTY ? 0 : 30 * 4);
            roundTrip(c, new AddRefreshPolicy(DAILY, "1 month", "1 hour", "1 hour"),
                    "SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = 'policy_refresh_continuous_aggregate'");
            Apply.reverse(c, withData);
            assertThat(Apply.scalar(c, caggs)).isZero();

            // compression off (decompressing what was compressed) and back on
            roundTripInverse(c, new DisableCompression(compression), "SELECT count(*) FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_name = 'metrics' AND NOT compression_enabled");
            assertThat(Apply.scalar(c, "SELECT count(*) FROM metrics")).isEqualTo(rows);

            // irreversible; existing chunks keep their partitioning, new ones get the dimension
            Apply.ops(c, new AddDimension(METRICS, "device", 2, null));
            assertThat(Apply.scalar(c, "SELECT num_dimensions FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_name = 'metrics'")).isEqualTo(2);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM metrics")).isEqualTo(rows);
        }
    }

    /** The op makes {@code check} count 1 more, its reverse brings it back. */
    private static void roundTrip(Connection c, dev.strata.op.Op op, String check) throws SQLException {
        long before = Apply.scalar(c, check);
        Apply.ops(c, op);
        assertThat(Apply.scalar(c, check)).as(op.describe()).isEqualTo(before + 1);
        Apply.reverse(c, op);
        assertThat(Apply.scalar(c, check)).as("reverse of " + op.describe()).isEqualTo(before);
    }

    /** As {@link #roundTrip}, then the reverse's reverse (the op again) is applied too. */
    private static void roundTripInverse(Connection c, dev.strata.op.Op op, String check) throws SQLException {
        roundTrip(c, op, check);
        Apply.ops(c, op);
        Apply.reverse(c, op);
    }

    private static long compressedChunks(Connection c) throws SQLException {
        return Apply.scalar(c, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'metrics'"
                + " AND is_compressed");
    }
}
