package dev.strata.diff;

/**
 * The order ops are emitted in. Drops of dependents come first (triggers, views, foreign keys, indexes,
 * constraints, tables), then creates from the bottom up (schemas, extensions, types, sequences, tables, columns,
 * functions, keys, indexes, foreign keys, views, triggers), then the drops of what the dropped and changed
 * objects used (functions, sequences, types, schemas, extensions), and comments last. TimescaleDB's objects
 * follow their dependencies: table, hypertable (after its keys, before its indexes), compression and policies,
 * continuous aggregates, their policies; dropped in the reverse order, before views are created. Within each of
 * the three windows (early drops, creates, late drops) {@link DependencyOrder} moves an op after what it needs;
 * the phase order decides wherever dependencies do not.
 */
enum Phase {
    /** Settings for the revision's session (it lasts for that revision only, see the runner). */
    SETTINGS(Window.NONE),
    RENAMES(Window.NONE),
    DROP_TRIGGERS(Window.EARLY_DROPS),
    DROP_VIEWS(Window.EARLY_DROPS),
    DROP_CONTINUOUS_AGGREGATE_POLICIES(Window.EARLY_DROPS),
    DROP_CONTINUOUS_AGGREGATES(Window.EARLY_DROPS),
    DROP_HYPERTABLE_SETTINGS(Window.EARLY_DROPS),
    DROP_FOREIGN_KEYS(Window.EARLY_DROPS),
    DROP_INDEXES(Window.EARLY_DROPS),
    DROP_CONSTRAINTS(Window.EARLY_DROPS),
    DROP_TABLES(Window.EARLY_DROPS),
    SCHEMAS(Window.CREATES),
    EXTENSIONS(Window.CREATES),
    TYPES(Window.CREATES),
    SEQUENCES(Window.CREATES),
    TABLES(Window.CREATES),
    COLUMNS(Window.CREATES),
    SEQUENCE_OWNERSHIP(Window.CREATES),
    FUNCTIONS(Window.CREATES),
    CONSTRAINTS(Window.CREATES),
    HYPERTABLES(Window.CREATES),
    INDEXES(Window.CREATES),
    FOREIGN_KEYS(Window.CREATES),
    HYPERTABLE_SETTINGS(Window.CREATES),
    CONTINUOUS_AGGREGATES(Window.CREATES),
    CONTINUOUS_AGGREGATE_POLICIES(Window.CREATES),
    VIEWS(Window.CREATES),
    VIEW_INDEXES(Window.CREATES),
    TRIGGERS(Window.CREATES),
    DROP_FUNCTIONS(Window.LATE_DROPS),
    DROP_SEQUENCES(Window.LATE_DROPS),
    DROP_TYPES(Window.LATE_DROPS),
    DROP_SCHEMAS(Window.LATE_DROPS),
    DROP_EXTENSIONS(Window.LATE_DROPS),
    COMMENTS(Window.NONE);

    /** The group of phases whose ops are ordered together by their dependencies. */
    enum Window { NONE, EARLY_DROPS, CREATES, LATE_DROPS }

    final Window window;

    Phase(Window window) {
        this.window = window;
    }
}
