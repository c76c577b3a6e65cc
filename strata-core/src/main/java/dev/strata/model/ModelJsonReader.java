package dev.strata.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a {@link SchemaModel} from a parsed {@link JsonValue}; the inverse of {@link ModelJsonWriter} and
 * as generic: each record is read from its components' keys ({@link JsonShape}) and built with its canonical
 * constructor, so the records' own checks apply. Absent keys take their defaults, unknown keys are errors
 * (to catch typos in hand-written fixtures), and every error names line:column and the path to the object.
 */
final class ModelJsonReader {
    /** A problem with the content, at line:column of the text; the message starts with the path. */
    static final class BadJson extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        BadJson(int line, int column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    private ModelJsonReader() {
    }

    static SchemaModel model(JsonValue root) {
        Map<String, JsonValue.Member> members = members(root, "$");
        JsonValue format = members.containsKey("format") ? members.get("format").value() : null;
        if (format == null || !(format.value() instanceof Long n)) {
            throw error(format == null ? root : format, "$", "\"format\" must be the integer " + ModelJson.FORMAT);
        }
        if (n != ModelJson.FORMAT) {
            throw error(format, "$", "format " + n + " is not supported (expected " + ModelJson.FORMAT + ")");
        }
        SchemaModel.Builder builder = SchemaModel.builder();
        Set<String> known = new HashSet<>(Set.of("format"));
        for (JsonShape.Key key : JsonShape.keys(SchemaModel.class)) {
            known.add(key.name());
            JsonValue.Member m = members.get(key.name());
            if (m == null || m.value().value() == null) {
                continue;
            }
            Type element = ((ParameterizedType) key.type()).getActualTypeArguments()[1];
            List<Object> objects = list(m.value(), "$." + key.name(), element);
            try {
                Method add = SchemaModel.Builder.class.getMethod(key.name(), Collection.class);
                add.invoke(builder, objects);
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("SchemaModel.Builder has no " + key.name() + "(Collection)", e);
            }
        }
        rejectUnknown(members, known, "$");
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw error(root, "$", e.getMessage());
        }
    }

    /** One value of the given type; the path names it in errors. */
    private static Object value(JsonValue v, String path, Type type) {
        Class<?> raw = raw(type);
        Object x = v.value();
        if (raw == String.class) {
            return expect(v, path, String.class, "a string");
        } else if (raw == boolean.class || raw == Boolean.class) {
            return expect(v, path, Boolean.class, "true or false");
        } else if (raw == long.class || raw == Long.class) {
            return expect(v, path, Long.class, "an integer");
        } else if (raw == int.class || raw == Integer.class) {
            long n = (Long) expect(v, path, Long.class, "an integer");
            if (n != (int) n) {
                throw error(v, path, "must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
            }
            return (int) n;
        } else if (raw == char.class || raw == Character.class) {
            String s = (String) expect(v, path, String.class, "one letter");
            if (s.length() != 1) {
                throw error(v, path, "must be one letter");
            }
            return s.charAt(0);
        } else if (raw.isEnum()) {
            return enumValue(v, path, raw);
        } else if (raw == ObjectName.class) {
            String s = (String) expect(v, path, String.class, "a schema-qualified name");
            try {
                return ObjectName.parse(s);
            } catch (IllegalArgumentException e) {
                throw error(v, path, e.getMessage());
            }
        } else if (raw == List.class) {
            return list(v, path, ((ParameterizedType) type).getActualTypeArguments()[0]);
        } else if (raw.isRecord()) {
            return record(v, path, raw, members(v, path), Set.of());
        } else if (raw.isSealed()) {
            return member(v, path, raw);
        }
        throw new IllegalStateException("ModelJson cannot read a " + type.getTypeName() + " at " + path
                + "; teach ModelJsonWriter and ModelJsonReader this type (value " + x + ")");
    }

    private static List<Object> list(JsonValue v, String path, Type element) {
        if (!(v.value() instanceof List<?> values)) {
            throw error(v, path, "must be a list");
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(value((JsonValue) values.get(i), path + "[" + i + "]", element));
        }
        return out;
    }

    /** A member of a sealed interface, chosen by its {@code type} key. */
    private static Object member(JsonValue v, String path, Class<?> sealed) {
        Map<String, JsonValue.Member> members = members(v, path);
        JsonValue.Member kind = members.get(JsonShape.KIND);
        List<String> kinds = Arrays.stream(sealed.getPermittedSubclasses()).map(JsonShape::kindName).toList();
        if (kind == null || kind.value().value() == null) {
            throw error(v, path, "\"" + JsonShape.KIND + "\" is missing (expected " + oneOf(kinds) + ")");
        }
        Object name = kind.value().value();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (JsonShape.kindName(c).equals(name)) {
                return record(v, path, c, members, Set.of(JsonShape.KIND));
            }
        }
        throw error(kind.value(), path, "unknown " + JsonShape.KIND + " " + name + " (expected " + oneOf(kinds) + ")");
    }

    /** A record built with its canonical constructor from its components' keys. */
    private static Object record(JsonValue v, String path, Class<?> type, Map<String, JsonValue.Member> members,
                                 Set<String> alsoKnown) {
        List<JsonShape.Key> keys = JsonShape.keys(type);
        Object[] args = new Object[keys.size()];
        Set<String> known = new HashSet<>(alsoKnown);
        for (int i = 0; i < args.length; i++) {
            JsonShape.Key key = keys.get(i);
            if (raw(key.type()) == MemberName.class) {
                known.add("table");
                known.add(key.name());
                args[i] = memberName(v, path, members, key.name());
                continue;
            }
            known.add(key.name());
            JsonValue.Member m = members.get(key.name());
            String at = path + "." + key.name();
            args[i] = m == null || m.value().value() == null ? absent(v, path, key) : value(m.value(), at, key.type());
        }
        rejectUnknown(members, known, path);
        try {
            Constructor<?> make = type.getDeclaredConstructor(
                    keys.stream().map(k -> raw(k.type())).toArray(Class<?>[]::new));
            return make.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NullPointerException && cause.getMessage() != null) {
                throw error(v, path, "\"" + cause.getMessage() + "\" is missing");
            }
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw error(v, path, String.valueOf(cause.getMessage()));
            }
            throw new IllegalStateException("cannot build " + type.getName() + " at " + path, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName() + " at " + path, e);
        }
    }

    /** A {@link MemberName} is written as {@code "table"} (the relation) and {@code "name"}. */
    private static MemberName memberName(JsonValue v, String path, Map<String, JsonValue.Member> members,
                                         String nameKey) {
        JsonValue.Member table = members.get("table");
        JsonValue.Member name = members.get(nameKey);
        if (table == null || table.value().value() == null) {
            throw error(v, path, "\"table\" is missing");
        }
        if (name == null || name.value().value() == null) {
            throw error(v, path, "\"" + nameKey + "\" is missing");
        }
        ObjectName relation = (ObjectName) value(table.value(), path + ".table", ObjectName.class);
        String member = (String) value(name.value(), path + "." + nameKey, String.class);
        try {
            return new MemberName(relation, member);
        } catch (IllegalArgumentException e) {
            throw error(name.value(), path, e.getMessage());
        }
    }

    /** The value of a key that is not there. */
    private static Object absent(JsonValue object, String path, JsonShape.Key key) {
        Class<?> raw = raw(key.type());
        if (raw == boolean.class) {
            return key.flagWhenAbsent();
        } else if (raw == List.class) {
            return List.of();
        } else if (raw == char.class && key.letterWhenAbsent() != null) {
            return key.letterWhenAbsent();
        } else if (raw.isPrimitive()) {
            throw error(object, path, "\"" + key.name() + "\" is missing");
        }
        return null;
    }

    private static Object enumValue(JsonValue v, String path, Class<?> type) {
        String s = (String) expect(v, path, String.class, "a string");
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(s)) {
                return constant;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        throw error(v, path, "has unknown value " + s + " (expected " + oneOf(names) + ")");
    }

    private static Map<String, JsonValue.Member> members(JsonValue v, String path) {
        if (!(v.value() instanceof Map<?, ?> map)) {
            throw error(v, path, "expected an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, JsonValue.Member> members = (Map<String, JsonValue.Member>) map;
        return members;
    }

    private static void rejectUnknown(Map<String, JsonValue.Member> members, Set<String> known, String path) {
        for (JsonValue.Member m : members.values()) {
            if (!known.contains(m.key())) {
                throw new BadJson(m.line(), m.column(), path + ": unknown key \"" + m.key() + "\"");
            }
        }
    }

    private static Object expect(JsonValue v, String path, Class<?> type, String what) {
        if (!type.isInstance(v.value())) {
            throw error(v, path, "must be " + what);
        }
        return v.value();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return (Class<?>) type;
    }

    private static String oneOf(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + names.get(names.size() - 1);
    }

    /** An error at a value: for a key's value the path ends in the key, so it reads {@code $.t[0].name: …}. */
    private static BadJson error(JsonValue at, String path, String what) {
        return new BadJson(at.line(), at.column(), path + ": " + what);
    }
}
