package dev.strata.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the revisions linted so far (in chain order, applied ones included) have established about the
 * schema: column types, NOT NULL guarantees, indexes, hypertables and their compression. Rules use it for
 * what a single revision cannot tell, e.g. that a validated {@code CHECK (c IS NOT NULL)} makes
 * {@code SET NOT NULL} safe, or that a table is a hypertable.
 */
final class ChainFacts {
    /** table → column → type as written (lower case). */
    final Map<String, Map<String, String>> columnTypes = new HashMap<>();
    /**
     * table → its columns known not to hold NULLs without a scan: NOT NULL columns, validated IS NOT NULL checks
     * (by table, so that dropping or re-creating a table forgets its columns at once, not by scanning them all).
     */
    private final Map<String, Set<String>> provenNotNull = new HashMap<>();
    /** constraint name → the column of its {@code CHECK (column IS NOT NULL) NOT VALID}, until validated. */
    final Map<String, Column> pendingNotNullChecks = new HashMap<>();

    /** A column of a table, as the revisions name them. */
    record Column(String table, String column) { }

    void proveNotNull(String table, String column) {
        provenNotNull.computeIfAbsent(table, k -> new HashSet<>()).add(column);
    }

    boolean provenNotNull(String table, String column) {
        return provenNotNull.getOrDefault(table, Set.of()).contains(column);
    }
    /** table → the column lists of its indexes, primary key and unique constraints. */
    final Map<String, List<List<String>>> indexes = new HashMap<>();
    /** table → the column lists of its unique indexes, primary key and unique constraints. */
    final Map<String, List<List<String>>> uniques = new HashMap<>();
    /** hypertable → its partitioning (time, then space) columns. */
    final Map<String, List<String>> hypertables = new HashMap<>();
    /** hypertables with compression (columnstore) enabled. */
    final Set<String> compressed = new HashSet<>();

    void addIndex(String table, List<String> columns, boolean unique) {
        if (table != null && !columns.isEmpty()) {
            indexes.computeIfAbsent(table, k -> new ArrayList<>()).add(List.copyOf(columns));
            if (unique) {
                uniques.computeIfAbsent(table, k -> new ArrayList<>()).add(List.copyOf(columns));
            }
        }
    }

    /** True when some index of {@code table} starts with exactly these columns (in any order). */
    boolean indexed(String table, List<String> columns) {
        for (List<String> idx : indexes.getOrDefault(table, List.of())) {
            if (idx.size() >= columns.size()
                    && new HashSet<>(idx.subList(0, columns.size())).equals(new HashSet<>(columns))) {
                return true;
            }
        }
        return false;
    }

    String type(String table, String column) {
        return columnTypes.getOrDefault(table, Map.of()).get(column);
    }

    void dropTable(String table) {
        columnTypes.remove(table);
        indexes.remove(table);
        uniques.remove(table);
        hypertables.remove(table);
        compressed.remove(table);
        provenNotNull.remove(table);
    }
}
