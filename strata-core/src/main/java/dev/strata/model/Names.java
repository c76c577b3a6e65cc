package dev.strata.model;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Small checks and copies shared by the model records. */
final class Names {
    private Names() {
    }

    static String require(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
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
}
