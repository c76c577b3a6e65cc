package dev.strata.plan;

/**
 * Facts about what a statement does to a live database; lint rules and the CLI decide what is acceptable.
 */
public enum Hazard {
    /** Takes ACCESS EXCLUSIVE on a table: blocks reads and writes while held (briefly, if nothing else is slow). */
    ACCESS_EXCLUSIVE_LOCK,
    /** Takes a lock that blocks writes (SHARE, SHARE ROW EXCLUSIVE) for as long as the statement runs. */
    BLOCKS_WRITES,
    /** Rewrites the whole table and its indexes. */
    TABLE_REWRITE,
    /** Scans the whole table under its lock (e.g. validating a constraint without NOT VALID). */
    FULL_SCAN,
    /** Builds an index: long on big tables. */
    INDEX_BUILD,
    /** Destroys data (drops a table or column, truncates). */
    DATA_LOSS,
    /** Cannot run inside a transaction. */
    NON_TRANSACTIONAL,
    /** Validates existing rows; can fail if data violates the rule. */
    VALIDATES_DATA,
    /** Renames an object that running code may still use. */
    BREAKS_CLIENTS
}
