package dev.strata.bench;

/** What a child run measured: applying all revisions to an empty database, or a second run with nothing to do. */
public enum Phase {
    APPLY, NOOP
}
