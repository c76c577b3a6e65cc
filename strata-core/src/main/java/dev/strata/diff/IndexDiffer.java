package dev.strata.diff;

import dev.strata.model.Index;
import dev.strata.model.IndexKey;
import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;
import dev.strata.model.Table;
import dev.strata.op.CreateIndex;
import dev.strata.op.DropIndex;
import dev.strata.op.Mode;
import dev.strata.op.ext.CreateVectorIndex;
import dev.strata.op.ext.VectorIndexMethod;
import dev.strata.op.Op;
import dev.strata.op.RawSql;
import dev.strata.plan.Tx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Indexes that do not back a constraint and are not a partition's copy of its parent's index. A changed index
 * is dropped and built again (online: both CONCURRENTLY); indexes of materialized views are created after the
 * views. Typed {@link CreateIndex} where it states the whole index, else the catalog's definition as raw SQL.
 */
final class IndexDiffer {
    private IndexDiffer() {
    }

    static void diff(DiffContext cx, java.util.Set<ObjectName> recreatedRelations) {
        KeyedDiff<ObjectName, Index> d = KeyedDiff.of(own(cx.from), own(cx.to),
                (a, b) -> a.definition().equals(b.definition()) && a.valid() == b.valid()
                        && !recreatedRelations.contains(a.table()));
        d.removed().values().forEach(i -> drop(cx, i));
        d.added().values().forEach(i -> create(cx, i));
        d.changed().values().forEach(c -> {
            if (!recreatedRelations.contains(c.from().table())) {
                cx.note("index " + c.to().name() + " changed: dropped and built again");
                drop(cx, c.from());
            }
            create(cx, c.to());
            cx.recreated("index", c.to().name());
        });
    }

    private static SortedMap<ObjectName, Index> own(SchemaModel m) {
        SortedMap<ObjectName, Index> out = new TreeMap<>();
        m.indexes().forEach((k, i) -> {
            if (i.constraint() == null && i.parentIndex() == null) {
                out.put(k, i);
            }
        });
        return out;
    }

    private static void drop(DiffContext cx, Index i) {
        // a dropped table or materialized view takes its indexes with it
        if (!cx.to.tables().containsKey(i.table()) && cx.from.tables().containsKey(i.table())) {
            return;
        }
        if (!cx.to.materializedViews().containsKey(i.table()) && cx.from.materializedViews().containsKey(i.table())) {
            return;
        }
        Table t = cx.from.tables().get(i.table());
        Op vector = VectorIndexes.drop(i, vectorMode(cx, t), t != null && cx.from.hypertables().containsKey(t.name()));
        cx.add(Phase.DROP_INDEXES, vector != null ? vector : dropOp(i, mode(cx, t)));
    }

    private static void create(DiffContext cx, Index i) {
        boolean onView = cx.to.materializedViews().containsKey(i.table());
        Table t = cx.to.tables().get(i.table());
        CreateVectorIndex vector = VectorIndexes.create(i, vectorMode(cx, t));
        if (vector != null && t != null) {
            boolean fresh = !cx.from.tables().containsKey(t.name());
            vector = vector.withHypertable(cx.to.hypertables().containsKey(t.name()));
            if (fresh && vector.method() == VectorIndexMethod.IVFFLAT) {
                // IVFFlat computes its lists from the rows present: on a table made empty in this revision it waits
                // for lists x 39 rows (built after the revision commits, by this or a later upgrade)
                vector = vector.withDeferUntilRows(true);
            }
        }
        cx.add(onView ? Phase.VIEW_INDEXES : Phase.INDEXES, vector != null ? vector : createOp(i, t, mode(cx, t)));
    }

    /**
     * Vector indexes: on a hypertable that exists on both sides, online builds go per chunk
     * ({@code timescaledb.transaction_per_chunk}: TimescaleDB's stand-in for CONCURRENTLY), so the plain form is
     * not needed there; otherwise as {@link #mode}.
     */
    private static Mode vectorMode(DiffContext cx, Table t) {
        if (t != null && cx.from.hypertables().containsKey(t.name()) && cx.to.hypertables().containsKey(t.name())
                && cx.from.tables().containsKey(t.name())) {
            return cx.options.mode();
        }
        return mode(cx, t);
    }

    /**
     * CONCURRENTLY is refused on partitioned tables: those get the plain form. A table created in the same diff
     * has nothing to protect: its indexes are built plainly, inside the transaction. TimescaleDB refuses
     * CONCURRENTLY on hypertables.
     */
    private static Mode mode(DiffContext cx, Table t) {
        boolean fresh = t != null && !cx.from.tables().containsKey(t.name());
        return t != null && (t.partitioned() || fresh || HypertableDiffer.noConcurrentIndexes(cx, t.name()))
                ? Mode.BLOCKING : cx.options.mode();
    }

    static Op createOp(Index i, Table t, Mode mode) {
        CreateIndex typed = typed(i, t, mode);
        if (typed != null) {
            return typed;
        }
        String def = i.definition();
        if (mode == Mode.ONLINE) {
            def = def.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
        }
        return new RawSql(def, dropSql(i, mode), mode == Mode.ONLINE ? Tx.NO_TRANSACTION : Tx.IN_TRANSACTION);
    }

    static Op dropOp(Index i, Mode mode) {
        CreateIndex typed = typed(i, null, mode);
        if (typed != null) {
            return new DropIndex(ModelOps.qn(i.name()), typed, mode);
        }
        String def = i.definition();
        return new RawSql(dropSql(i, mode), def, mode == Mode.ONLINE ? Tx.NO_TRANSACTION : Tx.IN_TRANSACTION);
    }

    private static String dropSql(Index i, Mode mode) {
        return "DROP INDEX " + (mode == Mode.ONLINE ? "CONCURRENTLY " : "") + "IF EXISTS " + i.name().quoted();
    }

    /** The typed index when its parts say all the definition says (no collations, storage options, tablespace). */
    private static CreateIndex typed(Index i, Table t, Mode mode) {
        String def = i.definition();
        int keysEnd = def.indexOf(" USING ");
        if (keysEnd < 0 || def.contains(" TABLESPACE ") || def.contains(") WITH (") || def.contains(" NULLS NOT DISTINCT")
                || def.startsWith("CREATE INDEX ONLY") || def.contains(" ON ONLY ")) {
            return null;
        }
        List<dev.strata.op.IndexKey> keys = new ArrayList<>();
        for (IndexKey k : i.keys()) {
            if (k.collation() != null) {
                return null;
            }
            String column = Sql.unquote(k.expression());
            boolean isColumn = column != null && (t == null || t.column(column).isPresent());
            String opclass = null;
            if (k.opclass() != null) {
                opclass = k.opclass();
                if (opclass.indexOf('"') >= 0) {
                    return null;
                }
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String p : k.opclassParams()) {
                int eq = p.indexOf('=');
                if (eq < 0) {
                    return null;
                }
                params.put(p.substring(0, eq), p.substring(eq + 1));
            }
            if (!params.isEmpty() && opclass == null) {
                return null;
            }
            Boolean nullsFirst = k.nullsFirst() == k.descending() ? null : k.nullsFirst();
            keys.add(new dev.strata.op.IndexKey(isColumn ? column : null, isColumn ? null : k.expression(), opclass,
                    params, k.descending(), nullsFirst));
        }
        List<String> include = new ArrayList<>();
        for (String c : i.include()) {
            String plain = Sql.unquote(c);
            if (plain == null) {
                return null;
            }
            include.add(plain);
        }
        return new CreateIndex(i.name().name(), ModelOps.qn(i.table()), keys, i.unique(), i.method(), include,
                i.predicate(), Map.of(), mode, false);
    }
}
