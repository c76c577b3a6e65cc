package dev.strata.diff;

import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;
import dev.strata.model.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Tables: created (parents before partitions and children), dropped (destructive; children first; their
 * foreign keys go earlier, in {@link ConstraintDiffer}), and for tables on both sides, their columns through
 * {@link ColumnDiffer}. Table-level properties without an op (partitioning, inheritance, storage options,
 * UNLOGGED) are reported when they change.
 */
final class TableDiffer {
    private TableDiffer() {
    }

    static void diff(DiffContext cx) {
        KeyedDiff<ObjectName, Table> d = KeyedDiff.of(cx.from.tables(), cx.to.tables(), (a, b) -> false);
        List<Table> added = new ArrayList<>(d.added().values());
        added.sort(Comparator.comparingInt((Table t) -> depth(cx.to, t)).thenComparing(Table::name));
        added.forEach(t -> cx.add(Phase.TABLES, ModelOps.createTable(t)));
        List<Table> removed = new ArrayList<>(d.removed().values());
        removed.sort(Comparator.comparingInt((Table t) -> -depth(cx.from, t)).thenComparing(Table::name));
        removed.forEach(t -> cx.addDestructive(Phase.DROP_TABLES, ModelOps.dropTable(t)));
        d.changed().values().forEach(c -> {
            Table a = c.from();
            Table b = c.to();
            if (a.partitioned() != b.partitioned() || !Objects.equals(a.partitionKey(), b.partitionKey())
                    || !Objects.equals(a.partitionOf(), b.partitionOf())
                    || !Objects.equals(a.partitionBound(), b.partitionBound())
                    || !a.inherits().equals(b.inherits()) || a.unlogged() != b.unlogged()
                    || !a.options().equals(b.options())) {
                cx.unsupported("table " + b.name() + ": partitioning, inheritance, UNLOGGED or storage options change;"
                        + " no op expresses it, change it by hand");
            }
            ColumnDiffer.diff(cx, a, b);
        });
    }

    /** How many parents (partition-of or inherits) are above a table: parents are created first. */
    private static int depth(SchemaModel m, Table t) {
        int depth = 0;
        Table cur = t;
        while (cur != null && depth < 64) {
            ObjectName parent = cur.partitionOf() != null ? cur.partitionOf()
                    : cur.inherits().isEmpty() ? null : cur.inherits().get(0);
            if (parent == null) {
                break;
            }
            depth++;
            cur = m.tables().get(parent);
        }
        return depth;
    }
}
