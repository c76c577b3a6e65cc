/**
 * Ops for the extensions PostgreSQL shops run: TimescaleDB hypertables, compression, retention and
 * continuous aggregates; pgvector columns and IVFFlat/HNSW indexes; PostGIS and ltree types with GiST indexes
 * (as core ops); materialized views and their refresh strategies (a statement-level trigger, or a refresh op
 * run from a scheduled revision). Every op is a validated record with its reverse; {@link
 * dev.strata.op.ext.ExtensionRenderer} turns them into statements that state their transaction mode and
 * hazards.
 */
package dev.strata.op.ext;
