package dev.strata.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one JSON object for {@link ModelJson}, leaving out what equals its default (null, false, empty
 * lists) so that hand-written fixtures stay short and written files stay stable.
 */
final class JsonOut {
    private final Map<String, Object> map = new LinkedHashMap<>();

    JsonOut str(String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
        return this;
    }

    JsonOut name(String key, ObjectName value) {
        return str(key, value == null ? null : value.toString());
    }

    JsonOut flag(String key, boolean value) {
        return flag(key, value, false);
    }

    /** Writes the flag only when it differs from {@code whenAbsent}. */
    JsonOut flag(String key, boolean value, boolean whenAbsent) {
        if (value != whenAbsent) {
            map.put(key, value);
        }
        return this;
    }

    JsonOut num(String key, long value) {
        map.put(key, value);
        return this;
    }

    JsonOut list(String key, List<?> value) {
        if (!value.isEmpty()) {
            map.put(key, value);
        }
        return this;
    }

    JsonOut object(String key, Map<String, Object> value) {
        if (value != null) {
            map.put(key, value);
        }
        return this;
    }

    Map<String, Object> map() {
        return map;
    }
}
