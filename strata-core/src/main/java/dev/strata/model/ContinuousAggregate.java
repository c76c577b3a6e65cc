package dev.strata.model;

import java.util.Objects;

/**
 * A TimescaleDB continuous aggregate. It is not also listed among views or materialized views, and its
 * materialization hypertable and internal views are not in the model at all. Whether it holds data is its
 * state, not its schema, and is not compared.
 *
 * @param name             the view name users query
 * @param hypertable       the hypertable it aggregates
 * @param definition       its query as TimescaleDB reports it
 * @param materializedOnly {@code timescaledb.materialized_only}
 * @param refreshPolicy    the refresh policy, or null
 */
public record ContinuousAggregate(ObjectName name, ObjectName hypertable, String definition, boolean materializedOnly,
                                  RefreshPolicy refreshPolicy) {
    /**
     * A continuous aggregate's refresh policy, each value as text.
     *
     * @param startOffset      {@code start_offset}, or null (unbounded)
     * @param endOffset        {@code end_offset}, or null (unbounded)
     * @param scheduleInterval how often it runs
     */
    public record RefreshPolicy(String startOffset, String endOffset, String scheduleInterval) {
        public RefreshPolicy {
            startOffset = Names.optional(startOffset);
            endOffset = Names.optional(endOffset);
            scheduleInterval = Names.require(scheduleInterval, "scheduleInterval");
        }
    }

    public ContinuousAggregate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hypertable, "hypertable");
        definition = Names.require(definition, "definition");
    }
}
