package dev.strata.plan;

/**
 * How a planned statement is run with respect to transactions.
 */
public enum Tx {
    /** Runs in one transaction together with its neighbours of the same mode (and, at the end of a revision, its bookkeeping). */
    IN_TRANSACTION,
    /**
     * Runs in a transaction of its own, committed before the next statement: e.g. {@code VALIDATE CONSTRAINT}
     * after {@code ADD ... NOT VALID}, so that the strong lock of the first is released before the long scan of the second.
     */
    OWN_TRANSACTION,
    /** Runs outside any transaction (autocommit): {@code CREATE INDEX CONCURRENTLY}, {@code ALTER TYPE ... ADD VALUE} on old servers. */
    NO_TRANSACTION,
    /** A batched backfill: many short transactions, see {@link Backfill}. */
    BATCHED
}
