package dev.strata.engine.schema;

import dev.strata.model.ObjectName;
import dev.strata.model.Schema;
import dev.strata.model.SchemaModel;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.run.StateTables;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a database into a {@link SchemaModel} the way every comparison needs it: without Strata's own
 * version and history tables, and without their schema when Strata created it just for them (a
 * non-{@code public} schema that holds nothing else), so a replayed chain and a desired-state folder
 * compare equal when they describe the same objects.
 */
public final class ModelReader {
    private ModelReader() {
    }

    public static SchemaModel read(ScratchDb db, StateTables tables) {
        try (Connection c = db.connect()) {
            return read(c, tables);
        } catch (SQLException e) {
            throw new IllegalStateException("closing a scratch connection: " + e.getMessage(), e);
        }
    }

    public static SchemaModel read(Connection c, StateTables tables) {
        InspectOptions options = InspectOptions.defaults().withExcludeTables(Set.of(
                ObjectName.of(tables.schema(), tables.versionTable()),
                ObjectName.of(tables.schema(), tables.historyTable())));
        SchemaModel m = new PgInspector().inspect(c, options);
        return withoutEmptySchema(m, tables.schema());
    }

    private static SchemaModel withoutEmptySchema(SchemaModel m, String schema) {
        if (schema.equals("public") || !m.schemas().containsKey(schema) || holdsAnything(m, schema)) {
            return m;
        }
        SortedMap<String, Schema> schemas = new TreeMap<>(m.schemas());
        schemas.remove(schema);
        return new SchemaModel(schemas, m.extensions(), m.tables(), m.views(), m.materializedViews(), m.indexes(),
                m.sequences(), m.enums(), m.compositeTypes(), m.domains(), m.functions(), m.triggers(), m.rules(),
                m.hypertables(), m.continuousAggregates());
    }

    private static boolean holdsAnything(SchemaModel m, String schema) {
        return inSchema(m.tables().keySet(), schema) || inSchema(m.views().keySet(), schema)
                || inSchema(m.materializedViews().keySet(), schema) || inSchema(m.sequences().keySet(), schema)
                || inSchema(m.enums().keySet(), schema) || inSchema(m.compositeTypes().keySet(), schema)
                || inSchema(m.domains().keySet(), schema)
                || m.functions().values().stream().anyMatch(f -> f.name().schema().equals(schema));
    }

    private static boolean inSchema(Set<ObjectName> names, String schema) {
        return names.stream().anyMatch(n -> n.schema().equals(schema));
    }
}
