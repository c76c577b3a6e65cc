package dev.strata.model;

import java.util.List;
import java.util.Objects;

/**
 * TimescaleDB settings of a table that is a hypertable. The table itself is in {@link SchemaModel#tables()}.
 *
 * @param table         the hypertable
 * @param timeColumn    the time (first) dimension's column
 * @param chunkInterval the chunk time interval as text: an interval ({@code 7 days}) or an integer
 * @param compression   compression settings when compression is enabled, or null
 * @param compressAfter the compression policy's {@code compress_after}, or null when there is no policy
 * @param dropAfter     the retention policy's {@code drop_after}, or null when there is no policy
 */
public record Hypertable(ObjectName table, String timeColumn, String chunkInterval, Compression compression,
                         String compressAfter, String dropAfter) {
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

    public Hypertable {
        Objects.requireNonNull(table, "table");
        timeColumn = Names.require(timeColumn, "timeColumn");
        chunkInterval = Names.require(chunkInterval, "chunkInterval");
        compressAfter = Names.optional(compressAfter);
        dropAfter = Names.optional(dropAfter);
    }
}
