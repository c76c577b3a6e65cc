package dev.strata.postgres.inspect;

import dev.strata.model.ObjectName;

import java.util.Objects;
import java.util.Set;

/**
 * What the inspector reads.
 *
 * @param includeSchemas          schemas to read; empty means every user schema
 * @param excludeSchemas          schemas to leave out (applied after {@code includeSchemas})
 * @param excludeTables           tables to leave out with their indexes, triggers, rules and owned sequences,
 *                                e.g. Strata's own version and history tables
 * @param includeExtensionObjects whether to read objects that belong to an extension (pg_depend deptype 'e'),
 *                                such as PostGIS's spatial_ref_sys or TimescaleDB's internal schemas
 */
public record InspectOptions(Set<String> includeSchemas, Set<String> excludeSchemas, Set<ObjectName> excludeTables,
                             boolean includeExtensionObjects) {
    public InspectOptions {
        includeSchemas = Set.copyOf(includeSchemas);
        excludeSchemas = Set.copyOf(excludeSchemas);
        excludeTables = Set.copyOf(excludeTables);
    }

    /** Every user schema, no exclusions, without extension-owned objects. */
    public static InspectOptions defaults() {
        return new InspectOptions(Set.of(), Set.of(), Set.of(), false);
    }

    public InspectOptions withIncludeSchemas(Set<String> value) {
        return new InspectOptions(value, excludeSchemas, excludeTables, includeExtensionObjects);
    }

    public InspectOptions withExcludeSchemas(Set<String> value) {
        return new InspectOptions(includeSchemas, value, excludeTables, includeExtensionObjects);
    }

    public InspectOptions withExcludeTables(Set<ObjectName> value) {
        return new InspectOptions(includeSchemas, excludeSchemas, value, includeExtensionObjects);
    }

    public InspectOptions withIncludeExtensionObjects(boolean value) {
        return new InspectOptions(includeSchemas, excludeSchemas, excludeTables, value);
    }

    /** Whether a schema is read, given whether an extension owns it. */
    boolean schemaIncluded(String schema, boolean extensionOwned) {
        Objects.requireNonNull(schema, "schema");
        return (includeSchemas.isEmpty() || includeSchemas.contains(schema))
                && !excludeSchemas.contains(schema)
                && (includeExtensionObjects || !extensionOwned);
    }
}
