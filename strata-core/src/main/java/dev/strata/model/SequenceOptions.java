package dev.strata.model;

/**
 * The settings of a sequence, shared by stand-alone sequences and identity columns.
 *
 * @param dataType  {@code smallint}, {@code integer} or {@code bigint}
 * @param start     the start value
 * @param increment the step, never zero
 * @param min       the minimum value
 * @param max       the maximum value
 * @param cache     how many values a session pre-allocates, at least 1
 * @param cycle     whether it wraps around at the end
 */
public record SequenceOptions(String dataType, long start, long increment, long min, long max, long cache,
                              boolean cycle) {
    public SequenceOptions {
        dataType = Names.require(dataType, "dataType");
        if (increment == 0) {
            throw new IllegalArgumentException("increment must not be zero");
        }
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
        if (cache < 1) {
            throw new IllegalArgumentException("cache must be at least 1");
        }
    }
}
