package dev.strata.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Small checks and copies shared by the model records. */
final class Names {
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
            "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
            "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then",
            "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
            "where", "window", "with");

    private Names() {
    }

    static String require(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /** Quotes an identifier unless it is a lower-case, non-reserved plain name. */
    static String quote(String ident) {
        boolean plain = !ident.isEmpty() && !RESERVED.contains(ident)
                && (Character.isLowerCase(ident.charAt(0)) || ident.charAt(0) == '_');
        for (int i = 0; plain && i < ident.length(); i++) {
            char ch = ident.charAt(i);
            plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        return plain ? ident : "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    /** An empty string becomes null: optional SQL text is either absent or meaningful. */
    static String optional(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static <T> List<T> list(Collection<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    static <K extends Comparable<K>, V> SortedMap<K, V> sorted(Map<K, V> values) {
        return values == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** A sorted map of values by their key; two values with one key is a programming error. */
    static <K extends Comparable<K>, V> SortedMap<K, V> byKey(Collection<V> values, Function<V, K> key) {
        TreeMap<K, V> map = new TreeMap<>();
        for (V v : values) {
            if (map.put(key.apply(v), v) != null) {
                throw new IllegalArgumentException("duplicate key " + key.apply(v));
            }
        }
        return Collections.unmodifiableSortedMap(map);
    }

    static <T> List<T> mutable(List<T> list) {
        return new ArrayList<>(list);
    }
}
