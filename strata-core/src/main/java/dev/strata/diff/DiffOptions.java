package dev.strata.diff;

import dev.strata.op.Mode;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How to diff. Invariants: collections are unmodifiable; a schema is never both included and excluded.
 *
 * @param includeSchemas   schemas to compare; empty means all
 * @param excludeSchemas   schemas to leave out
 * @param renames          confirmed renames: {@code schema.table=newTable} for a table, and
 *                         {@code schema.table.column=newColumn} for a column, the table named as in the target
 *                         (after its own rename); a value may repeat the schema ({@code schema.newTable})
 * @param allowDestructive whether ops that lose data (drop table, column, sequence, type, schema, extension) are
 *                         emitted; when false they are left out and listed in {@link DiffResult#unsupported()}
 * @param mode             how ops with an online recipe are rendered
 */
public record DiffOptions(Set<String> includeSchemas, Set<String> excludeSchemas, Map<String, String> renames,
                          boolean allowDestructive, Mode mode) {
    public DiffOptions {
        includeSchemas = Set.copyOf(includeSchemas);
        excludeSchemas = Set.copyOf(excludeSchemas);
        renames = java.util.Collections.unmodifiableMap(new TreeMap<>(renames));
        Objects.requireNonNull(mode, "mode");
        for (String s : includeSchemas) {
            if (excludeSchemas.contains(s)) {
                throw new IllegalArgumentException("schema " + s + " is both included and excluded");
            }
        }
    }

    /** All schemas, no renames, destructive ops allowed (and reported), online forms. */
    public static DiffOptions defaults() {
        return new DiffOptions(Set.of(), Set.of(), Map.of(), true, Mode.ONLINE);
    }

    public DiffOptions withIncludeSchemas(Set<String> value) {
        return new DiffOptions(value, excludeSchemas, renames, allowDestructive, mode);
    }

    public DiffOptions withExcludeSchemas(Set<String> value) {
        return new DiffOptions(includeSchemas, value, renames, allowDestructive, mode);
    }

    public DiffOptions withRenames(Map<String, String> value) {
        return new DiffOptions(includeSchemas, excludeSchemas, value, allowDestructive, mode);
    }

    public DiffOptions withAllowDestructive(boolean value) {
        return new DiffOptions(includeSchemas, excludeSchemas, renames, value, mode);
    }

    public DiffOptions withMode(Mode value) {
        return new DiffOptions(includeSchemas, excludeSchemas, renames, allowDestructive, value);
    }

    /** Whether objects of this schema take part in the diff. */
    public boolean includes(String schema) {
        return !excludeSchemas.contains(schema) && (includeSchemas.isEmpty() || includeSchemas.contains(schema));
    }
}
