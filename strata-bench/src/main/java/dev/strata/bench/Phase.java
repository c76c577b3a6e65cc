package dev.strata.bench;

/**
 * What a child run measures: applying all revisions to an empty database, a second run with nothing to do, and
 * reverting everything to the empty schema.
 */
public enum Phase {
    APPLY, NOOP, DOWNGRADE
}
