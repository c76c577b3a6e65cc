package dev.strata.model;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the model records map to the keys of {@link ModelJson}. The records decide almost everything: an object
 * has one key per record component, in component order, named like the component, and a key whose value is
 * the default (null, false, an empty list) is left out. This class holds the few exceptions the stable form
 * has kept from its first version, so the writer and the reader stay generic:
 *
 * <ul>
 *   <li>a component may have another key ({@code defaultSql} is written {@code default});</li>
 *   <li>a few flags are true when absent ({@code validated}, {@code valid}, {@code populated}), so only
 *       {@code false} is written;</li>
 *   <li>a one-letter value has a default when a hand-written file leaves it out ({@code enabled}: O);</li>
 *   <li>a {@link MemberName} is written as two keys, {@code table} and {@code name};</li>
 *   <li>a member of a sealed interface ({@link Constraint}) carries a {@code type} key, its simple name with
 *       a lower-case first letter, right after its first key; its own components come next, then those that
 *       implement the interface's accessors.</li>
 * </ul>
 */
final class JsonShape {
    /** The key naming the member of a sealed interface. */
    static final String KIND = "type";

    private static final Map<String, String> KEY_OF_COMPONENT = Map.of("defaultSql", "default");
    /** Flags that are true when absent ({@code defaultIndexes}: a hypertable's TimescaleDB default index). */
    private static final Set<String> TRUE_WHEN_ABSENT = Set.of("validated", "valid", "populated", "defaultIndexes");
    private static final Map<String, Character> LETTER_WHEN_ABSENT = Map.of("enabled", 'O');

    private static final ClassValue<List<Key>> KEYS = new ClassValue<>() {
        @Override
        protected List<Key> computeValue(Class<?> type) {
            return computeKeys(type);
        }
    };
    private static final ClassValue<List<Key>> WRITE_ORDER = new ClassValue<>() {
        @Override
        protected List<Key> computeValue(Class<?> type) {
            return computeWriteOrder(type);
        }
    };

    private JsonShape() {
    }

    /**
     * One key of a record's JSON object.
     *
     * @param name     the JSON key
     * @param type     the component's generic type
     * @param accessor reads the component from an instance
     */
    record Key(String name, Type type, Method accessor) {
        /** The flag value that is left out when writing and assumed when reading. */
        boolean flagWhenAbsent() {
            return TRUE_WHEN_ABSENT.contains(name);
        }

        /** The letter assumed when the key is absent, or null when the key is required. */
        Character letterWhenAbsent() {
            return LETTER_WHEN_ABSENT.get(name);
        }
    }

    /** The keys of a record type, in the order they are written; also the canonical constructor's order. */
    static List<Key> keys(Class<?> recordType) {
        return KEYS.get(recordType);
    }

    /** The keys of a record type in the order they are written (differs from {@link #keys} for sealed members). */
    static List<Key> writeOrder(Class<?> recordType) {
        return WRITE_ORDER.get(recordType);
    }

    private static List<Key> computeWriteOrder(Class<?> recordType) {
        List<Key> keys = keys(recordType);
        Class<?> sealed = sealedParent(recordType);
        if (sealed == null) {
            return keys;
        }
        Set<String> shared = Arrays.stream(sealed.getMethods())
                .filter(m -> m.getParameterCount() == 0 && m.getDeclaringClass() == sealed)
                .map(Method::getName).collect(Collectors.toSet());
        List<Key> out = new ArrayList<>(keys.subList(0, 1));
        keys.stream().skip(1).filter(k -> !shared.contains(k.accessor().getName())).forEach(out::add);
        keys.stream().skip(1).filter(k -> shared.contains(k.accessor().getName())).forEach(out::add);
        return List.copyOf(out);
    }

    /** The sealed interface a record implements, or null. */
    static Class<?> sealedParent(Class<?> recordType) {
        for (Class<?> i : recordType.getInterfaces()) {
            if (i.isSealed()) {
                return i;
            }
        }
        return null;
    }

    /** The {@code type} value of a member of a sealed interface: {@code ForeignKey} is {@code foreignKey}. */
    static String kindName(Class<?> member) {
        String simple = member.getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    private static List<Key> computeKeys(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + " is not a record; ModelJson writes records only");
        }
        List<Key> keys = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            keys.add(new Key(KEY_OF_COMPONENT.getOrDefault(c.getName(), c.getName()), c.getGenericType(),
                    c.getAccessor()));
        }
        return List.copyOf(keys);
    }
}
