package dev.strata.op;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of an index: {@code i -> i.unique().method("hnsw").opclass("vector_cosine_ops").with("m", "16")}.
 */
public final class IndexBuilder {
    private final List<IndexKey> extraKeys = new ArrayList<>();
    private final Map<String, String> with = new LinkedHashMap<>();
    private final List<String> descending = new ArrayList<>();
    private boolean unique;
    private String method;
    private List<String> include = List.of();
    private String where;
    private String opclass;
    private Mode mode = Mode.ONLINE;
    private boolean ifNotExists;

    IndexBuilder() {
    }

    public IndexBuilder unique() {
        unique = true;
        return this;
    }

    /** Access method: btree (default), hash, gist, gin, brin, spgist, hnsw, ivfflat... */
    public IndexBuilder method(String name) {
        method = name;
        return this;
    }

    /** {@code INCLUDE (columns)}. */
    public IndexBuilder include(String... columns) {
        include = List.of(columns);
        return this;
    }

    /** {@code WHERE predicate}: a partial index. */
    public IndexBuilder where(String predicate) {
        where = predicate;
        return this;
    }

    /** The operator class of every column key ({@code vector_cosine_ops}, {@code gin_trgm_ops}). */
    public IndexBuilder opclass(String name) {
        opclass = name;
        return this;
    }

    /** An expression key after the column keys, e.g. {@code lower(email)}. */
    public IndexBuilder expression(String expression) {
        extraKeys.add(IndexKey.expression(expression));
        return this;
    }

    /** Sort these column keys descending. */
    public IndexBuilder descending(String... columns) {
        descending.addAll(List.of(columns));
        return this;
    }

    /** A storage parameter: {@code with("lists", "100")}, {@code with("m", "16")}. */
    public IndexBuilder with(String name, String value) {
        with.put(name, value);
        return this;
    }

    public IndexBuilder ifNotExists() {
        ifNotExists = true;
        return this;
    }

    /** Plain {@code CREATE INDEX} (SHARE lock, writes blocked during the build) instead of CONCURRENTLY. */
    public IndexBuilder blocking() {
        mode = Mode.BLOCKING;
        return this;
    }

    CreateIndex build(String name, QualifiedName table, List<String> columns) {
        List<IndexKey> keys = new ArrayList<>();
        for (String c : columns) {
            keys.add(new IndexKey(c, null, opclass, Map.of(), descending.contains(c), null));
        }
        keys.addAll(extraKeys);
        return new CreateIndex(name, table, keys, unique, method, include, where, with, mode, ifNotExists);
    }
}
