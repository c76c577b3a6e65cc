package dev.strata.op;

/**
 * Ops for PostgreSQL extensions (TimescaleDB, pgvector, materialized views), rendered by
 * {@link dev.strata.op.ext.ExtensionRenderer}. The records live in {@code dev.strata.op.ext}.
 *
 * <p>Not {@code sealed}: strata-core is not a named Java module, and in the unnamed module a sealed type may
 * only permit subtypes of its own package. The hierarchy is closed by convention instead: only records in
 * {@code dev.strata.op.ext} implement it, {@code ExtensionRenderer} ends its dispatch with an
 * {@code IllegalStateException}, and a test there fails when a record of that package is missing from the
 * golden fixtures.
 */
public non-sealed interface ExtensionOp extends Op {
}
