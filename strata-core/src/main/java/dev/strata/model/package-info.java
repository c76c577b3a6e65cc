/**
 * The schema model: an immutable, deterministic picture of the objects in a PostgreSQL database (schemas,
 * tables with their columns and constraints, indexes, sequences, types, views, functions, triggers, rules,
 * extensions and TimescaleDB settings), as the inspector reads it and as the differ compares it. Every
 * collection is copied on construction and every map is sorted by name, so two models of the same schema
 * are equal and {@link dev.strata.model.ModelJson} writes them byte for byte the same. SQL fragments
 * (types, defaults, definitions) are kept as PostgreSQL prints them with an empty search_path, so names
 * outside pg_catalog are schema-qualified. Pure values: no database access here.
 */
package dev.strata.model;
