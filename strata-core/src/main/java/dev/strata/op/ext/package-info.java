/**
 * Ops for the extensions PostgreSQL shops run: TimescaleDB hypertables, compression, retention and
 * continuous aggregates; pgvector columns and IVFFlat/HNSW indexes; PostGIS and ltree; materialized views
 * and their refresh strategies.
 */
package dev.strata.op.ext;
