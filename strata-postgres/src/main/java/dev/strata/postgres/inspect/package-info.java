/**
 * The PostgreSQL inspector: reads a live database's catalog into an immutable
 * {@link dev.strata.model.SchemaModel}. One parameterized catalog query per object kind, kept as SQL resources
 * next to this package ({@code inspect/*.sql}) and run once over the whole catalog, not per table, so a
 * thousand-table schema costs the same dozen round trips as a small one. Queries run in one read-only,
 * repeatable-read snapshot with an empty search_path, so every name outside pg_catalog comes back
 * schema-qualified and two inspections of the same schema give equal models.
 */
package dev.strata.postgres.inspect;
