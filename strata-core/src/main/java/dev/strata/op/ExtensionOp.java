package dev.strata.op;

/**
 * Ops for PostgreSQL extensions (TimescaleDB, pgvector, PostGIS, ltree, materialized views), rendered by
 * {@link dev.strata.op.ext.ExtensionRenderer}.
 */
public non-sealed interface ExtensionOp extends Op {
}
