package dev.strata.lint;

/**
 * The size of the table a finding is about, as the configured database reports it, for size-aware severity.
 *
 * @param rows  the planner's row estimate
 * @param bytes the total relation size, indexes and TOAST included
 */
public record TableSize(long rows, long bytes) {
    public TableSize {
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }
}
