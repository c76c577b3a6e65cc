package dev.strata.diff;

import dev.strata.model.Column;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Table;
import dev.strata.op.AddColumn;
import dev.strata.op.AlterColumn;
import dev.strata.op.ColumnDef;
import dev.strata.op.DropColumn;
import dev.strata.op.Mode;
import dev.strata.op.QualifiedName;
import dev.strata.op.RawSql;
import dev.strata.plan.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Columns of a table on both sides: added, dropped (destructive) and altered (type with USING when needed,
 * nullability, default, identity). Inherited columns belong to the parent and are left to it. A type change
 * that rewrites is given the blocking form: the online expand/contract would move the column to the end of the
 * table, so the result would not match the target; the differ says so in a note.
 */
final class ColumnDiffer {
    private ColumnDiffer() {
    }

    static void diff(DiffContext cx, Table from, Table to) {
        Map<String, Column> a = own(from);
        Map<String, Column> b = own(to);
        QualifiedName t = ModelOps.qn(to.name());
        List<String> key = to.primaryKey().map(PrimaryKey::columns).orElse(List.of());
        for (Column c : b.values()) {
            if (!a.containsKey(c.name())) {
                add(cx, t, c, key);
            }
        }
        for (Column c : a.values()) {
            if (!b.containsKey(c.name())) {
                cx.touched(from.name());
                cx.addDestructive(Phase.COLUMNS, new DropColumn(t, c.name(), new AddColumn(t, ModelOps.column(c), key,
                        Mode.BLOCKING)));
            }
        }
        List<String> reached = new java.util.ArrayList<>(a.keySet().stream().filter(b::containsKey).toList());
        b.keySet().stream().filter(n -> !a.containsKey(n)).forEach(reached::add);
        if (!reached.equals(List.copyOf(b.keySet()))) {
            cx.note("table " + to.name() + ": column order will be " + reached + ", not " + b.keySet()
                    + " (PostgreSQL appends added columns)");
        }
        for (Column c : b.values()) {
            Column old = a.get(c.name());
            if (old != null && !same(old, c)) {
                alter(cx, t, old, c, key);
            }
        }
    }

    private static Map<String, Column> own(Table t) {
        Map<String, Column> out = new LinkedHashMap<>();
        t.columns().stream().filter(c -> !c.inherited()).forEach(c -> out.put(c.name(), c));
        return out;
    }

    static boolean same(Column a, Column b) {
        return a.type().equals(b.type()) && a.notNull() == b.notNull() && Objects.equals(a.defaultSql(), b.defaultSql())
                && Objects.equals(a.identity(), b.identity()) && Objects.equals(a.generated(), b.generated())
                && Objects.equals(a.collation(), b.collation());
    }

    private static void add(DiffContext cx, QualifiedName t, Column c, List<String> key) {
        ColumnDef def = ModelOps.column(c);
        Mode mode = cx.options.mode();
        if (mode == Mode.ONLINE && !def.nullable() && def.defaultValue() == null && def.identity() == null
                && def.generated() == null) {
            mode = Mode.BLOCKING;
            cx.note("add column " + c.name() + " to " + t + ": NOT NULL without a default, plain ADD COLUMN"
                    + " (fails on a populated table: give it a default or backfill by hand)");
        } else if (mode == Mode.ONLINE && def.defaultValue() != null && def.defaultValue().contains("(") && key.isEmpty()) {
            mode = Mode.BLOCKING;
            cx.note("add column " + c.name() + " to " + t + ": the table has no primary key to backfill by, plain ADD COLUMN");
        }
        cx.add(Phase.COLUMNS, new AddColumn(t, def, key, mode));
    }

    private static void alter(DiffContext cx, QualifiedName t, Column old, Column now, List<String> key) {
        if (!Objects.equals(old.generated(), now.generated())) {
            cx.unsupported("column " + now.name() + " of " + t + ": the generated expression changes from "
                    + old.generated() + " to " + now.generated() + "; drop and add the column by hand");
            return;
        }
        ColumnDef cur = ModelOps.column(old);
        ColumnDef target = ModelOps.column(now);
        String col = Sql.ident(now.name());
        String prefix = "ALTER TABLE " + t.sql() + " ALTER COLUMN " + col;
        if (!cur.type().equals(target.type())) {
            cx.touched(dev.strata.model.ObjectName.of(t.schema(), t.name()));
            ColumnDef typed = new ColumnDef(cur.name(), target.type(), cur.nullable(), null, cur.identity(), cur.generated());
            cx.add(Phase.COLUMNS, new AlterColumn(t, cur, typed, Casts.using(now.name(), old.type(), now.type()),
                    Casts.using(now.name(), now.type(), old.type()), key, Mode.BLOCKING));
            if (cx.options.mode() == Mode.ONLINE) {
                cx.note("column " + now.name() + " of " + t + " changes type " + cur.type() + " -> " + target.type()
                        + ": plain ALTER COLUMN TYPE (a rewrite holds ACCESS EXCLUSIVE; expand/contract by hand for a large table)");
            }
            cur = typed;
        }
        if (cur.identity() != null && target.identity() == null) {
            cx.add(Phase.COLUMNS, new RawSql(prefix + " DROP IDENTITY", prefix + " ADD " + identity(cur.identity()),
                    Tx.IN_TRANSACTION));
            cur = new ColumnDef(cur.name(), cur.type(), cur.nullable(), cur.defaultValue(), null, null);
        }
        ColumnDef step = new ColumnDef(cur.name(), cur.type(), target.nullable(), target.defaultValue(), cur.identity(),
                cur.generated());
        if (!step.equals(cur)) {
            cx.add(Phase.COLUMNS, new AlterColumn(t, cur, step, null, null, key, HypertableDiffer.alterMode(cx, t,
                    cur.nullable() && !step.nullable())));
            cur = step;
        }
        if (target.identity() != null && cur.identity() == null) {
            cx.add(Phase.COLUMNS, new RawSql(prefix + " ADD " + identity(target.identity()), prefix + " DROP IDENTITY",
                    Tx.IN_TRANSACTION));
        } else if (target.identity() != null && target.identity() != cur.identity()) {
            cx.add(Phase.COLUMNS, new RawSql(prefix + " SET " + identity(target.identity()).replace(" AS IDENTITY", ""),
                    prefix + " SET " + identity(cur.identity()).replace(" AS IDENTITY", ""), Tx.IN_TRANSACTION));
        }
        if (!Objects.equals(old.identity(), now.identity()) && old.identity() != null && now.identity() != null
                && !old.identity().sequence().equals(now.identity().sequence())) {
            cx.unsupported("column " + now.name() + " of " + t + ": identity sequence options differ; ALTER COLUMN ... SET by hand");
        }
    }

    private static String identity(ColumnDef.Identity identity) {
        return identity == ColumnDef.Identity.ALWAYS ? "GENERATED ALWAYS AS IDENTITY" : "GENERATED BY DEFAULT AS IDENTITY";
    }
}
