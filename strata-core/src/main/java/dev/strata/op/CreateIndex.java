package dev.strata.op;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table USING method (keys)
 * [INCLUDE (...)] [WITH (...)] [WHERE ...]}. The index lives in its table's schema. Rendering and locks:
 * {@link IndexRenderer}.
 *
 * @param name        index name
 * @param table       the indexed table
 * @param keys        key columns/expressions, at least one
 * @param unique      {@code UNIQUE}
 * @param method      access method, lower case ({@code btree}, {@code gin}, {@code gist}, {@code hnsw}, {@code ivfflat}...)
 * @param include     covering columns ({@code INCLUDE}); may be empty
 * @param where       partial index predicate as SQL text, or null
 * @param with        storage parameters ({@code lists=100}, {@code m=16}), rendered sorted by name; may be empty
 * @param mode        online ({@code CONCURRENTLY}, the default) or blocking
 * @param ifNotExists {@code IF NOT EXISTS}
 */
public record CreateIndex(String name, QualifiedName table, List<IndexKey> keys, boolean unique, String method,
                          List<String> include, String where, Map<String, String> with, Mode mode,
                          boolean ifNotExists) implements Op {
    public CreateIndex {
        QualifiedName.requireName(name, "index name");
        Objects.requireNonNull(table, "table");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " has no keys");
        }
        method = method == null ? "btree" : method.toLowerCase(Locale.ROOT);
        if (!method.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("index " + name + ": method '" + method + "' is not a plain name");
        }
        include = include == null ? List.of() : List.copyOf(include);
        include.forEach(c -> QualifiedName.requireName(c, "include column"));
        with = with == null ? Map.of() : Map.copyOf(new TreeMap<>(with));
        with.keySet().forEach(Names::requireParameterName);
        mode = mode == null ? Mode.ONLINE : mode;
    }

    /** The schema-qualified index name. */
    public QualifiedName qualifiedName() {
        return table.sibling(name);
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropIndex(qualifiedName(), this, mode));
    }

    @Override
    public String describe() {
        return "create index " + name + " on " + table;
    }
}
