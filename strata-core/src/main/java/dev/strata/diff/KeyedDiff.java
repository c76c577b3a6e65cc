package dev.strata.diff;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Two keyed collections split into what was added, removed, changed and left unchanged. Invariants: the four
 * maps are unmodifiable, sorted by key and disjoint; a key is in {@code changed} or {@code unchanged} exactly
 * when it is on both sides.
 *
 * @param added     keys only in the target, with the target's value
 * @param removed   keys only in the source, with the source's value
 * @param changed   keys on both sides whose values differ
 * @param unchanged keys on both sides whose values are the same
 * @param <K>       the key type
 * @param <T>       the value type
 */
public record KeyedDiff<K extends Comparable<K>, T>(SortedMap<K, T> added, SortedMap<K, T> removed,
                                                    SortedMap<K, Change<T>> changed, SortedMap<K, T> unchanged) {
    /** One value on both sides. */
    public record Change<T>(T from, T to) {
        public Change {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    public KeyedDiff {
        added = Collections.unmodifiableSortedMap(new TreeMap<>(added));
        removed = Collections.unmodifiableSortedMap(new TreeMap<>(removed));
        changed = Collections.unmodifiableSortedMap(new TreeMap<>(changed));
        unchanged = Collections.unmodifiableSortedMap(new TreeMap<>(unchanged));
    }

    /** Splits by key, calling values the same when {@code same} says so. */
    public static <K extends Comparable<K>, T> KeyedDiff<K, T> of(Map<K, T> from, Map<K, T> to,
                                                                 BiPredicate<T, T> same) {
        SortedMap<K, T> added = new TreeMap<>();
        SortedMap<K, T> removed = new TreeMap<>();
        SortedMap<K, Change<T>> changed = new TreeMap<>();
        SortedMap<K, T> unchanged = new TreeMap<>();
        from.forEach((k, v) -> {
            T w = to.get(k);
            if (w == null) {
                removed.put(k, v);
            } else if (same.test(v, w)) {
                unchanged.put(k, w);
            } else {
                changed.put(k, new Change<>(v, w));
            }
        });
        to.forEach((k, w) -> {
            if (!from.containsKey(k)) {
                added.put(k, w);
            }
        });
        return new KeyedDiff<>(added, removed, changed, unchanged);
    }

    /** Splits by key, comparing values with {@code equals}. */
    public static <K extends Comparable<K>, T> KeyedDiff<K, T> of(Map<K, T> from, Map<K, T> to) {
        return of(from, to, Objects::equals);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
