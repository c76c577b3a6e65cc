package dev.strata.lint;

/** What a statement does to the data or to running clients, beyond the lock it takes. */
public enum Effect {
    /** The table (and its indexes) is copied into new files. */
    REWRITE("rewrites the table"),
    /** Every row is read while the lock is held. */
    FULL_SCAN("scans the whole table"),
    /** Builds an index (reads and sorts every row). */
    INDEX_BUILD("builds an index"),
    /** Data is destroyed. */
    DATA_LOSS("destroys data"),
    /** Running application code that uses the old shape fails. */
    BREAKS_CLIENTS("breaks clients that use the old name or shape"),
    /** PostgreSQL (or the extension) rejects the statement, or it fails on real data. */
    FAILS("can fail at run time");

    private final String text;

    Effect(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
