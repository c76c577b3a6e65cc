package dev.strata.model;

import java.util.List;
import java.util.Objects;

/**
 * TimescaleDB settings of a table that is a hypertable. The table itself is in {@link SchemaModel#tables()};
 * the index {@code create_hypertable} makes on the time column is not in {@link SchemaModel#indexes()} but
 * stated by {@code defaultIndexes}. Intervals are text as TimescaleDB prints them ({@code 7 days},
 * {@code 12:00:00}) or whole numbers for integer time.
 *
 * @param table           the hypertable
 * @param timeColumn      the time (first) dimension's column
 * @param chunkInterval   the chunk time interval: an interval ({@code 7 days}) or an integer
 * @param spaceDimensions further dimensions, in dimension order
 * @param defaultIndexes  whether the index TimescaleDB makes by default ({@code <table>_<time>_idx} on the
 *                        time column, descending) exists
 * @param compression     compression (columnstore) settings when compression is enabled, or null
 * @param compressionPolicy the compression policy, or null
 * @param retentionPolicy the retention policy, or null
 * @param reorderPolicy   the reorder policy, or null
 */
public record Hypertable(ObjectName table, String timeColumn, String chunkInterval, List<Dimension> spaceDimensions,
                         boolean defaultIndexes, Compression compression, Policy compressionPolicy,
                         Policy retentionPolicy, ReorderPolicy reorderPolicy) {
    /**
     * A further (space) dimension.
     *
     * @param column     the partitioning column
     * @param partitions the number of hash partitions, or 0 for a range dimension
     * @param interval   a range dimension's interval, or null for a hash dimension
     */
    public record Dimension(String column, int partitions, String interval) {
        public Dimension {
            column = Names.require(column, "column");
            interval = Names.optional(interval);
            if ((partitions > 0) == (interval != null)) {
                throw new IllegalArgumentException("dimension " + column + ": either hash partitions or a range interval");
            }
        }
    }

    /**
     * Compression settings.
     *
     * @param segmentBy columns of {@code compress_segmentby}, in order
     * @param orderBy   elements of {@code compress_orderby}, in order, such as {@code time DESC}
     */
    public record Compression(List<String> segmentBy, List<String> orderBy) {
        public Compression {
            segmentBy = Names.list(segmentBy);
            orderBy = Names.list(orderBy);
        }
    }

    /**
     * A compression or retention policy (a background job).
     *
     * @param after            {@code compress_after} or {@code drop_after}
     * @param scheduleInterval how often the job runs
     */
    public record Policy(String after, String scheduleInterval) {
        public Policy {
            after = Names.require(after, "after");
            scheduleInterval = Names.require(scheduleInterval, "scheduleInterval");
        }
    }

    /**
     * A reorder policy.
     *
     * @param index            the index chunks are clustered on (in the hypertable's schema)
     * @param scheduleInterval how often the job runs
     */
    public record ReorderPolicy(String index, String scheduleInterval) {
        public ReorderPolicy {
            index = Names.require(index, "index");
            scheduleInterval = Names.require(scheduleInterval, "scheduleInterval");
        }
    }

    public Hypertable {
        Objects.requireNonNull(table, "table");
        timeColumn = Names.require(timeColumn, "timeColumn");
        chunkInterval = Names.require(chunkInterval, "chunkInterval");
        spaceDimensions = Names.list(spaceDimensions);
    }

    /** A hypertable with only its time dimension and default index. */
    public static Hypertable of(ObjectName table, String timeColumn, String chunkInterval) {
        return new Hypertable(table, timeColumn, chunkInterval, List.of(), true, null, null, null, null);
    }

    /** The name of the index {@code create_hypertable} makes on the time column. */
    public String defaultIndexName() {
        return table.name() + "_" + timeColumn + "_idx";
    }
}
