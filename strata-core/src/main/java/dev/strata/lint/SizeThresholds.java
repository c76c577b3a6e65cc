package dev.strata.lint;

/**
 * Size-aware severity ({@code [lint] rows_plus_one / rows_plus_two / size_aware} in strata.toml): when the size
 * of a finding's table is known, findings whose cost grows with the table (a lock held while it is rewritten,
 * scanned or indexed, or any lock that blocks writes) start one level below the rule's severity and rise one
 * level above {@code plusOne} rows and two above {@code plusTwo}, capped at error. So with the defaults
 * (10,000 and 1,000,000 rows, after pgfence) an error rule's finding is a warning on a 50-row table and an error
 * on a 10M-row table; a warning rule's finding is info, warning, then error.
 *
 * @param enabled false to keep every finding at its rule's severity
 * @param plusOne the row estimate above which the severity rises one level
 * @param plusTwo the row estimate above which it rises two levels
 */
public record SizeThresholds(boolean enabled, long plusOne, long plusTwo) {
    public static final SizeThresholds DEFAULTS = new SizeThresholds(true, 10_000, 1_000_000);
    public static final SizeThresholds OFF = new SizeThresholds(false, 10_000, 1_000_000);

    public SizeThresholds {
        if (plusOne < 0 || plusTwo < plusOne) {
            throw new IllegalArgumentException("rows_plus_one must be >= 0 and rows_plus_two >= rows_plus_one");
        }
    }

    /** How many levels a table of {@code rows} rows raises the severity: 0, 1 or 2. */
    public int levels(long rows) {
        return rows > plusTwo ? 2 : rows > plusOne ? 1 : 0;
    }

    /** The severity of a size-sensitive finding of {@code base} severity on a table of {@code rows} rows. */
    public Severity severity(Severity base, long rows) {
        int level = base.ordinal() - 1 + levels(rows);
        return Severity.values()[Math.max(0, Math.min(Severity.values().length - 1, level))];
    }
}
