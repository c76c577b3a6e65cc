package dev.strata.engine.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One type-checked table of {@code strata.toml} ({@code [strata]}, {@code [environments.NAME]} or
 * {@code [databases.NAME]}). Values are {@link String}s (still holding their {@code ${VAR}}
 * references: they are expanded only when used), {@link Boolean}s or lists of strings; keys are all known ones.
 *
 * @param label the table as written in messages, e.g. {@code [environments.production]}
 */
record ConfigTable(String label, Map<String, Object> values) {
    ConfigTable {
        Objects.requireNonNull(label, "label");
        java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof java.util.List<?> list) {
                for (Object item : list) {
                    if (!(item instanceof String)) {
                        throw new IllegalArgumentException("list item of type " + item.getClass());
                    }
                }
                v = java.util.List.copyOf(list);
            } else if (!(v instanceof String) && !(v instanceof Boolean) && !(v instanceof Long)) {
                throw new IllegalArgumentException("value of type " + v.getClass());
            }
            copy.put(e.getKey(), v);
        }
        values = Map.copyOf(copy);
    }

    static ConfigTable empty(String label) {
        return new ConfigTable(label, Map.of());
    }

    Optional<String> string(String key) {
        Object v = values.get(key);
        return v instanceof String ? Optional.of((String) v) : Optional.empty();
    }

    /** A list of strings; empty when the key is not set. */
    java.util.List<String> strings(String key) {
        Object v = values.get(key);
        if (!(v instanceof java.util.List<?> list)) {
            return java.util.List.of();
        }
        return list.stream().map(String.class::cast).toList();
    }

    Optional<Long> integer(String key) {
        Object v = values.get(key);
        return v instanceof Long ? Optional.of((Long) v) : Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        Object v = values.get(key);
        return v instanceof Boolean ? Optional.of((Boolean) v) : Optional.empty();
    }
}
