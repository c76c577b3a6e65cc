package dev.strata.diff;

/**
 * The order ops are emitted in. Drops of dependents come first (triggers, views, foreign keys, indexes,
 * constraints, tables), then creates from the bottom up (extensions, schemas, types, sequences, tables, columns,
 * functions, keys, indexes, foreign keys, views, triggers), then the drops of what the dropped and changed
 * objects used (functions, sequences, types, schemas, extensions), and comments last. TimescaleDB's objects
 * follow their dependencies: table, hypertable (after its keys, before its indexes), compression and policies,
 * continuous aggregates, their policies; dropped in the reverse order, before views are created.
 */
enum Phase {
    RENAMES,
    DROP_TRIGGERS,
    DROP_VIEWS,
    DROP_CONTINUOUS_AGGREGATE_POLICIES,
    DROP_CONTINUOUS_AGGREGATES,
    DROP_HYPERTABLE_SETTINGS,
    DROP_FOREIGN_KEYS,
    DROP_INDEXES,
    DROP_CONSTRAINTS,
    DROP_TABLES,
    EXTENSIONS,
    SCHEMAS,
    TYPES,
    SEQUENCES,
    TABLES,
    COLUMNS,
    SEQUENCE_OWNERSHIP,
    FUNCTIONS,
    CONSTRAINTS,
    HYPERTABLES,
    INDEXES,
    FOREIGN_KEYS,
    HYPERTABLE_SETTINGS,
    CONTINUOUS_AGGREGATES,
    CONTINUOUS_AGGREGATE_POLICIES,
    VIEWS,
    VIEW_INDEXES,
    TRIGGERS,
    DROP_FUNCTIONS,
    DROP_SEQUENCES,
    DROP_TYPES,
    DROP_SCHEMAS,
    DROP_EXTENSIONS,
    COMMENTS
}
