package dev.strata.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads one JSON object for {@link ModelJson}: absent keys take their defaults, unknown keys are errors
 * (to catch typos in hand-written fixtures), and every error names the path to the object.
 */
final class JsonIn {
    /** A problem with the JSON content; the message starts with the path. */
    static final class BadJson extends RuntimeException {
        BadJson(String message) {
            super(message);
        }
    }

    private final String path;
    private final Map<String, Object> map;
    private final Set<String> used = new HashSet<>();

    JsonIn(String path, Object value) {
        this.path = path;
        if (!(value instanceof Map<?, ?>)) {
            throw new BadJson(path + ": expected an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) value;
        this.map = m;
    }

    private Object get(String key) {
        used.add(key);
        return map.get(key);
    }

    String str(String key) {
        Object v = get(key);
        if (v != null && !(v instanceof String)) {
            throw error("\"" + key + "\" must be a string");
        }
        return (String) v;
    }

    String req(String key) {
        String v = str(key);
        if (v == null) {
            throw error("\"" + key + "\" is missing");
        }
        return v;
    }

    ObjectName name(String key) {
        String v = str(key);
        try {
            return v == null ? null : ObjectName.parse(v);
        } catch (IllegalArgumentException e) {
            throw error("\"" + key + "\": " + e.getMessage());
        }
    }

    ObjectName reqName(String key) {
        req(key);
        return name(key);
    }

    boolean flag(String key) {
        return flag(key, false);
    }

    boolean flag(String key, boolean whenAbsent) {
        Object v = get(key);
        if (v == null) {
            return whenAbsent;
        }
        if (!(v instanceof Boolean b)) {
            throw error("\"" + key + "\" must be true or false");
        }
        return b;
    }

    long num(String key) {
        Object v = get(key);
        if (!(v instanceof Long n)) {
            throw error("\"" + key + "\" must be an integer");
        }
        return n;
    }

    List<String> strings(String key) {
        Object v = get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw error("\"" + key + "\" must be a list of strings");
        }
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw error("\"" + key + "\" must be a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    List<JsonIn> objects(String key) {
        Object v = get(key);
        List<JsonIn> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw error("\"" + key + "\" must be a list of objects");
        }
        for (int i = 0; i < list.size(); i++) {
            out.add(new JsonIn(path + "." + key + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    JsonIn object(String key) {
        Object v = get(key);
        return v == null ? null : new JsonIn(path + "." + key, v);
    }

    /** Builds the value, then checks that every key was read; constructor failures get this object's path. */
    <T> T make(Supplier<T> build) {
        T value;
        try {
            value = build.get();
        } catch (BadJson e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw error(e.getMessage());
        }
        for (String key : map.keySet()) {
            if (!used.contains(key)) {
                throw error("unknown key \"" + key + "\"");
            }
        }
        return value;
    }

    BadJson error(String what) {
        return new BadJson(path + ": " + what);
    }
}
