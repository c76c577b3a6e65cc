package dev.strata.postgres.inspect;

import dev.strata.model.ContinuousAggregate;
import dev.strata.model.Hypertable;

import java.util.List;

/**
 * Reads TimescaleDB settings from the {@code timescaledb_information} views. Only called when the
 * timescaledb extension is installed.
 */
final class TimescaleReader {
    private TimescaleReader() {
    }

    static List<Hypertable> hypertables(Catalog catalog) {
        return catalog.inSchemas("timescale_hypertables.sql", rs -> new Hypertable(TypeReader.name(rs),
                rs.getString("time_column"), rs.getString("chunk_interval"),
                rs.getBoolean("compression_enabled")
                        ? new Hypertable.Compression(Catalog.strings(rs, "segment_by"), Catalog.strings(rs, "order_by"))
                        : null,
                rs.getString("compress_after"), rs.getString("drop_after")));
    }

    static List<ContinuousAggregate> continuousAggregates(Catalog catalog) {
        return catalog.inSchemas("timescale_continuous_aggregates.sql", rs -> {
            String schedule = rs.getString("schedule_interval");
            return new ContinuousAggregate(TypeReader.name(rs), rs.getString("definition"),
                    rs.getBoolean("materialized_only"), schedule == null ? null
                    : new ContinuousAggregate.RefreshPolicy(rs.getString("start_offset"), rs.getString("end_offset"),
                    schedule));
        });
    }
}
