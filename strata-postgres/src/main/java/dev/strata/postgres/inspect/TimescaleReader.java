package dev.strata.postgres.inspect;

import dev.strata.model.ContinuousAggregate;
import dev.strata.model.Hypertable;
import dev.strata.model.Index;
import dev.strata.model.ObjectName;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads TimescaleDB settings from the {@code timescaledb_information} views. Only called when the
 * timescaledb extension is installed. What TimescaleDB makes by itself is left out of the model: chunks,
 * compressed chunks and a continuous aggregate's materialization hypertable and views live in its own
 * (extension-owned) schemas, and the index {@code create_hypertable} makes on the time column is stated by
 * {@link Hypertable#defaultIndexes()} instead of being listed ({@link #withoutDefaultIndexes}).
 */
final class TimescaleReader {
    private TimescaleReader() {
    }

    static List<Hypertable> hypertables(Catalog catalog) {
        return catalog.inSchemas("timescale_hypertables.sql", rs -> new Hypertable(TypeReader.name(rs),
                rs.getString("time_column"), rs.getString("chunk_interval"), dimensions(rs),
                rs.getBoolean("default_indexes"),
                rs.getBoolean("compression_enabled")
                        ? new Hypertable.Compression(Catalog.strings(rs, "segment_by"), Catalog.strings(rs, "order_by"))
                        : null,
                policy(rs.getString("compress_after"), rs.getString("compress_schedule")),
                policy(rs.getString("drop_after"), rs.getString("retention_schedule")),
                rs.getString("reorder_index") == null ? null
                        : new Hypertable.ReorderPolicy(rs.getString("reorder_index"), rs.getString("reorder_schedule"))));
    }

    private static List<Hypertable.Dimension> dimensions(ResultSet rs) throws SQLException {
        List<String> columns = Catalog.strings(rs, "dim_columns");
        List<String> partitions = Catalog.strings(rs, "dim_partitions");
        List<String> intervals = Catalog.strings(rs, "dim_intervals");
        List<Hypertable.Dimension> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int n = Integer.parseInt(partitions.get(i));
            out.add(new Hypertable.Dimension(columns.get(i), n, n > 0 ? null : intervals.get(i)));
        }
        return out;
    }

    private static Hypertable.Policy policy(String after, String schedule) {
        return after == null ? null : new Hypertable.Policy(after, schedule);
    }

    static List<ContinuousAggregate> continuousAggregates(Catalog catalog) {
        return catalog.inSchemas("timescale_continuous_aggregates.sql", rs -> {
            String schedule = rs.getString("schedule_interval");
            return new ContinuousAggregate(TypeReader.name(rs),
                    new ObjectName(rs.getString("hypertable_schema"), rs.getString("hypertable_name")),
                    rs.getString("definition"), rs.getBoolean("materialized_only"), schedule == null ? null
                    : new ContinuousAggregate.RefreshPolicy(rs.getString("start_offset"), rs.getString("end_offset"),
                    schedule));
        });
    }

    /** The indexes without the default time index of each hypertable that has it. */
    static List<Index> withoutDefaultIndexes(List<Index> indexes, List<Hypertable> hypertables) {
        Map<ObjectName, Hypertable> byTable = hypertables.stream()
                .filter(Hypertable::defaultIndexes).collect(Collectors.toMap(Hypertable::table, h -> h));
        Predicate<Index> isDefault = i -> {
            Hypertable h = byTable.get(i.table());
            return h != null && i.name().name().equals(h.defaultIndexName()) && i.constraint() == null;
        };
        return indexes.stream().filter(isDefault.negate()).toList();
    }
}
