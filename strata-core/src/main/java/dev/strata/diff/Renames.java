package dev.strata.diff;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.Constraint;
import dev.strata.model.Exclusion;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexKey;
import dev.strata.model.MaterializedView;
import dev.strata.model.MemberName;
import dev.strata.model.ObjectName;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Rule;
import dev.strata.model.SchemaModel;
import dev.strata.model.Sequence;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.Unique;
import dev.strata.model.View;
import dev.strata.op.RenameColumn;
import dev.strata.op.RenameTable;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Applies confirmed renames: emits {@link RenameTable} / {@link RenameColumn} and answers the source model as it
 * is after them (the names in keys, foreign keys, indexes, triggers and definitions updated as PostgreSQL does),
 * so the rest of the diff compares like with like. A hint naming nothing in either model is refused.
 */
final class Renames {
    private Renames() {
    }

    static SchemaModel apply(DiffContext cx, SchemaModel from, SchemaModel to) {
        SchemaModel m = from;
        for (Map.Entry<String, String> e : cx.options.renames().entrySet()) {
            String[] parts = e.getKey().split("\\.");
            if (parts.length != 2) {
                continue;
            }
            ObjectName old = ObjectName.of(parts[0], parts[1]);
            String newName = e.getValue().startsWith(parts[0] + ".") ? e.getValue().substring(parts[0].length() + 1) : e.getValue();
            ObjectName now = ObjectName.of(parts[0], newName);
            if (!m.tables().containsKey(old) || !to.tables().containsKey(now) || m.tables().containsKey(now)) {
                throw bad(e, "needs a table " + old + " in the source only and a table " + now + " in the target only");
            }
            cx.add(Phase.RENAMES, new RenameTable(ModelOps.qn(old), newName));
            m = renameTable(m, old, now);
        }
        for (Map.Entry<String, String> e : cx.options.renames().entrySet()) {
            String[] parts = e.getKey().split("\\.");
            if (parts.length == 2) {
                continue;
            }
            if (parts.length != 3) {
                throw bad(e, "is neither schema.table nor schema.table.column");
            }
            ObjectName table = ObjectName.of(parts[0], parts[1]);
            Table t = m.tables().get(table);
            Table target = to.tables().get(table);
            String newName = e.getValue().contains(".") ? e.getValue().substring(e.getValue().lastIndexOf('.') + 1) : e.getValue();
            if (t == null || target == null || t.column(parts[2]).isEmpty() || target.column(newName).isEmpty()
                    || t.column(newName).isPresent()) {
                throw bad(e, "needs table " + table + " on both sides, with column " + parts[2]
                        + " only in the source and " + newName + " only in the target");
            }
            cx.add(Phase.RENAMES, new RenameColumn(ModelOps.qn(table), parts[2], newName));
            m = renameColumn(m, table, parts[2], newName);
        }
        return m;
    }

    private static StrataException bad(Map.Entry<String, String> e, String why) {
        return new StrataException(ErrorCode.USAGE, "rename " + e.getKey() + "=" + e.getValue() + " " + why
                + "; check the names (--rename schema.table=new or schema.table.column=new)");
    }

    static SchemaModel renameTable(SchemaModel m, ObjectName old, ObjectName now) {
        UnaryOperator<String> text = s -> Sql.replace(s, old.quoted(), now.quoted());
        UnaryOperator<ObjectName> name = n -> n.equals(old) ? now : n;
        return rebuild(m, t -> {
            Table r = t.name().equals(old) ? table(t, now, t.columns()) : t;
            return r.withConstraints(r.constraints().stream().map(c -> constraint(c, name, text, s -> s, false)).toList());
        }, i -> new Index(i.name(), name.apply(i.table()), i.unique(), i.method(), i.keys(), i.include(), i.predicate(),
                text.apply(i.definition()), i.valid(), i.constraint(), i.parentIndex(), i.comment()), text, name,
                sq -> sq.ownedByTable() == null ? sq : new Sequence(sq.name(), sq.options(), name.apply(sq.ownedByTable()),
                        sq.ownedByColumn(), sq.comment()));
    }

    static SchemaModel renameColumn(SchemaModel m, ObjectName table, String old, String now) {
        String q = Sql.ident(old);
        String n = Sql.ident(now);
        UnaryOperator<String> text = s -> Sql.replace(s, q, n);
        UnaryOperator<String> col = s -> s.equals(old) ? now : s;
        return rebuild(m, t -> {
            if (t.name().equals(table)) {
                List<Column> cols = t.columns().stream().map(c -> c.name().equals(old) ? column(c, now) : c).toList();
                return table(t, t.name(), cols).withConstraints(t.constraints().stream()
                        .map(c -> constraint(c, x -> x, text, col, false)).toList());
            }
            return t.withConstraints(t.constraints().stream().map(c -> c instanceof ForeignKey fk
                    && fk.referencedTable().equals(table) ? constraint(c, x -> x, text, col, true) : c).toList());
        }, i -> !i.table().equals(table) ? i : new Index(i.name(), i.table(), i.unique(), i.method(),
                i.keys().stream().map(k -> new IndexKey(text.apply(k.expression()), k.collation(), k.opclass(),
                        k.opclassParams(), k.descending(), k.nullsFirst())).toList(),
                i.include().stream().map(text).toList(), text.apply(i.predicate()), text.apply(i.definition()), i.valid(),
                i.constraint(), i.parentIndex(), i.comment()), s -> s, x -> x,
                sq -> table.equals(sq.ownedByTable()) && old.equals(sq.ownedByColumn())
                        ? new Sequence(sq.name(), sq.options(), table, now, sq.comment()) : sq);
    }

    private static Column column(Column c, String name) {
        return new Column(name, c.type(), c.notNull(), c.defaultSql(), c.identity(), c.generated(), c.collation(),
                c.inherited(), c.comment());
    }

    private static Table table(Table t, ObjectName name, List<Column> columns) {
        return new Table(name, t.partitioned(), t.partitionKey(), t.partitionOf(), t.partitionBound(), t.inherits(),
                t.unlogged(), t.options(), columns, t.constraints(), t.comment());
    }

    /** The constraint with names replaced; {@code referencedOnly} renames only the referenced side of a foreign key. */
    private static Constraint constraint(Constraint c, UnaryOperator<ObjectName> name, UnaryOperator<String> text,
                                         UnaryOperator<String> col, boolean referencedOnly) {
        String def = text.apply(c.definition());
        if (c instanceof PrimaryKey pk) {
            return new PrimaryKey(pk.name(), pk.columns().stream().map(col).toList(), def, pk.deferrable(),
                    pk.initiallyDeferred(), pk.inherited(), pk.comment());
        }
        if (c instanceof Unique u) {
            return new Unique(u.name(), u.columns().stream().map(col).toList(), def, u.deferrable(),
                    u.initiallyDeferred(), u.inherited(), u.comment());
        }
        if (c instanceof Check ck) {
            return new Check(ck.name(), def, ck.validated(), ck.noInherit(), ck.inherited(), ck.comment());
        }
        if (c instanceof Exclusion x) {
            return new Exclusion(x.name(), x.columns().stream().map(col).toList(), def, x.deferrable(),
                    x.initiallyDeferred(), x.inherited(), x.comment());
        }
        if (c instanceof ForeignKey fk) {
            return new ForeignKey(fk.name(), referencedOnly ? fk.columns() : fk.columns().stream().map(col).toList(),
                    name.apply(fk.referencedTable()), fk.referencedColumns().stream().map(col).toList(), fk.onUpdate(),
                    fk.onDelete(), fk.match(), def, fk.validated(), fk.deferrable(), fk.initiallyDeferred(),
                    fk.inherited(), fk.comment());
        }
        throw new IllegalStateException("unknown constraint " + c.getClass().getName());
    }

    private static SchemaModel rebuild(SchemaModel m, UnaryOperator<Table> tables, UnaryOperator<Index> indexes,
                                       UnaryOperator<String> text, UnaryOperator<ObjectName> name,
                                       UnaryOperator<Sequence> sequences) {
        return SchemaModel.builder()
                .schemas(m.schemas().values()).extensions(m.extensions().values())
                .tables(m.tables().values().stream().map(tables).toList())
                .views(m.views().values().stream().map(v -> new View(v.name(), text.apply(v.definition()), v.options(),
                        v.comment())).toList())
                .materializedViews(m.materializedViews().values().stream().map(v -> new MaterializedView(v.name(),
                        text.apply(v.definition()), v.populated(), v.options(), v.comment())).toList())
                .indexes(m.indexes().values().stream().map(indexes).toList())
                .sequences(m.sequences().values().stream().map(sequences).toList())
                .enums(m.enums().values()).compositeTypes(m.compositeTypes().values()).domains(m.domains().values())
                .functions(m.functions().values())
                .triggers(m.triggers().values().stream().map(t -> new Trigger(new MemberName(name.apply(t.name().relation()),
                        t.name().name()), text.apply(t.definition()), t.enabled(), t.comment())).toList())
                .rules(m.rules().values().stream().map(r -> new Rule(new MemberName(name.apply(r.name().relation()),
                        r.name().name()), text.apply(r.definition()), r.comment())).toList())
                .hypertables(m.hypertables().values()).continuousAggregates(m.continuousAggregates().values())
                .build();
    }
}
