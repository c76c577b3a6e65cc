package dev.strata.postgres.inspect;

import dev.strata.model.ContinuousAggregate;
import dev.strata.model.Extension;
import dev.strata.model.Hypertable;
import dev.strata.model.MaterializedView;
import dev.strata.model.ObjectName;
import dev.strata.model.Schema;
import dev.strata.model.SchemaModel;
import dev.strata.model.View;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads a live PostgreSQL database into a {@link SchemaModel}.
 *
 * <p>All queries run in one read-only, repeatable-read snapshot with {@code search_path} set to empty for
 * the duration, so definitions and types print schema-qualified names whatever the caller's search path, and
 * with JIT compilation off (it only slows catalog queries down).
 * On an autocommit connection the inspector opens and rolls back its own transaction; inside the caller's
 * transaction it works in a savepoint that it rolls back, so the session is left as it was found
 * (except that a caller's transaction keeps its own isolation level).
 *
 * <p>Cost: one round trip per object kind (about fifteen), independent of the number of tables.
 */
public final class PgInspector {
    private static final String TIMESCALEDB = "timescaledb";
    /**
     * Transaction-local settings: an empty search path (qualified names in every definition) and no JIT. The
     * catalog queries' cost estimates (per-row subqueries over thousands of rows) pass the JIT thresholds, and
     * compiling them costs far more than it saves: up to a second on the indexes of a 1,000-table schema.
     */
    private static final String SETTINGS = "SELECT pg_catalog.set_config('search_path', '', true), "
            + "pg_catalog.set_config('jit', 'off', true)";

    /** Reads the schema with {@link InspectOptions#defaults()}. */
    public SchemaModel inspect(Connection c) {
        return inspect(c, InspectOptions.defaults());
    }

    /**
     * Reads the objects that the options select.
     *
     * @throws dev.strata.error.StrataException INSPECT_FAILED when a catalog query fails
     */
    public SchemaModel inspect(Connection c, InspectOptions options) {
        try {
            boolean autoCommit = c.getAutoCommit();
            try (Statement s = c.createStatement()) {
                // one round trip each way: the snapshot (or savepoint) and the settings go in one batch
                if (autoCommit) {
                    c.setAutoCommit(false);
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; " + SETTINGS);
                } else {
                    s.execute("SAVEPOINT strata_inspect; " + SETTINGS);
                }
                try {
                    return read(c, options);
                } finally {
                    if (autoCommit) {
                        c.rollback();
                        c.setAutoCommit(true);
                    } else {
                        s.execute("ROLLBACK TO SAVEPOINT strata_inspect; RELEASE SAVEPOINT strata_inspect");
                    }
                }
            }
        } catch (SQLException e) {
            throw Catalog.failed("setting up the read-only snapshot", e);
        }
    }

    private static SchemaModel read(Connection c, InspectOptions options) {
        Catalog catalog = new Catalog(c, options.includeExtensionObjects());
        catalog.loadComments();
        List<Schema> schemas = catalog.plain("schemas.sql", rs -> options.schemaIncluded(rs.getString("name"),
                        rs.getBoolean("extension_owned"))
                        ? new Schema(rs.getString("name"), catalog.comment("namespace", rs.getLong("oid")))
                        : null)
                .stream().filter(java.util.Objects::nonNull).toList();
        catalog.select(schemas.stream().map(Schema::name).toList());
        List<Extension> extensions = ObjectReader.extensions(catalog);
        List<Hypertable> hypertables = List.of();
        List<ContinuousAggregate> aggregates = List.of();
        if (extensions.stream().anyMatch(e -> e.name().equals(TIMESCALEDB))) {
            hypertables = TimescaleReader.hypertables(catalog);
            aggregates = TimescaleReader.continuousAggregates(catalog);
        }
        Set<ObjectName> aggregateNames = aggregates.stream().map(ContinuousAggregate::name).collect(Collectors.toSet());
        List<View> views = new ArrayList<>();
        List<MaterializedView> materialized = new ArrayList<>();
        for (Object v : ObjectReader.views(catalog)) {
            if (v instanceof View view && !aggregateNames.contains(view.name())) {
                views.add(view);
            } else if (v instanceof MaterializedView m) {
                materialized.add(m);
            }
        }
        Set<ObjectName> skip = options.excludeTables();
        Predicate<ObjectName> keep = n -> !skip.contains(n);
        return SchemaModel.builder()
                .schemas(schemas)
                .extensions(extensions)
                .tables(TableReader.read(catalog).stream().filter(t -> keep.test(t.name())).toList())
                .views(views)
                .materializedViews(materialized)
                .indexes(TimescaleReader.withoutDefaultIndexes(IndexReader.read(catalog), hypertables).stream()
                        .filter(i -> keep.test(i.table())).toList())
                .sequences(ObjectReader.sequences(catalog).stream()
                        .filter(s -> s.ownedByTable() == null || keep.test(s.ownedByTable())).toList())
                .enums(TypeReader.enums(catalog))
                .compositeTypes(TypeReader.composites(catalog))
                .domains(TypeReader.domains(catalog))
                .functions(ObjectReader.functions(catalog))
                .triggers(ObjectReader.triggers(catalog).stream().filter(t -> keep.test(t.name().relation())).toList())
                .rules(ObjectReader.rules(catalog).stream().filter(r -> keep.test(r.name().relation())).toList())
                .hypertables(hypertables.stream().filter(h -> keep.test(h.table())).toList())
                .continuousAggregates(aggregates)
                .build();
    }
}
