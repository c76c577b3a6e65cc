package dev.strata.cli.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One type-checked table of {@code strata.toml} ({@code [strata]}, {@code [environments.NAME]} or
 * {@code [databases.NAME]}). Values are {@link String}s (still holding their {@code ${VAR}}
 * references: they are expanded only when used) or {@link Boolean}s; keys are all known ones.
 *
 * @param label the table as written in messages, e.g. {@code [environments.production]}
 */
record ConfigTable(String label, Map<String, Object> values) {
    ConfigTable {
        Objects.requireNonNull(label, "label");
        values = Map.copyOf(values);
        for (Object v : values.values()) {
            if (!(v instanceof String) && !(v instanceof Boolean)) {
                throw new IllegalArgumentException("value of type " + v.getClass());
            }
        }
    }

    static ConfigTable empty(String label) {
        return new ConfigTable(label, Map.of());
    }

    Optional<String> string(String key) {
        Object v = values.get(key);
        return v instanceof String ? Optional.of((String) v) : Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        Object v = values.get(key);
        return v instanceof Boolean ? Optional.of((Boolean) v) : Optional.empty();
    }
}
