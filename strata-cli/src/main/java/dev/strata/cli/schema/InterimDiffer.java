package dev.strata.cli.schema;

import dev.strata.model.Column;
import dev.strata.model.Constraint;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;
import dev.strata.model.Table;
import dev.strata.op.Op;
import dev.strata.op.RawSql;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

/**
 * A deliberately small stand-in for the real differ ({@code dev.strata.diff}), used only through
 * {@link SchemaDiff} until that one is merged. It expresses tables, columns (add, drop, rename),
 * constraints and indexes as raw SQL ops; every other difference (changed column types, defaults,
 * views, types, functions, sequences, extensions...) becomes an "unsupported" line, never a silent drop.
 * Rename candidates: a column dropped and another added at the same position with the same type.
 */
final class InterimDiffer {
    private final SchemaModel from;
    private final SchemaModel to;
    private final Map<String, String> renames;
    private final List<Op> dropConstraints = new ArrayList<>();
    private final List<Op> dropIndexes = new ArrayList<>();
    private final List<Op> dropTables = new ArrayList<>();
    private final List<Op> columnChanges = new ArrayList<>();
    private final List<Op> createTables = new ArrayList<>();
    private final List<Op> addConstraints = new ArrayList<>();
    private final List<Op> addForeignKeys = new ArrayList<>();
    private final List<Op> createIndexes = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();
    private final List<SchemaDiff.RenameCandidate> candidates = new ArrayList<>();

    private InterimDiffer(SchemaModel from, SchemaModel to, Map<String, String> renames) {
        this.from = from;
        this.to = to;
        this.renames = renames;
    }

    static SchemaDiff.Outcome diff(SchemaModel from, SchemaModel to, Map<String, String> renames) {
        InterimDiffer d = new InterimDiffer(from, to, renames);
        d.run();
        List<Op> ops = new ArrayList<>();
        ops.addAll(d.dropConstraints);
        ops.addAll(d.dropIndexes);
        ops.addAll(d.dropTables);
        ops.addAll(d.columnChanges);
        ops.addAll(d.createTables);
        ops.addAll(d.addConstraints);
        ops.addAll(d.addForeignKeys);
        ops.addAll(d.createIndexes);
        return new SchemaDiff.Outcome(ops, d.unsupported, d.candidates);
    }

    private void run() {
        for (Table t : from.tables().values()) {
            if (!to.tables().containsKey(t.name())) {
                t.constraints().stream().filter(c -> c instanceof ForeignKey)
                        .forEach(c -> dropConstraints.add(raw("ALTER TABLE " + t.name().quoted() + " DROP CONSTRAINT "
                                + SqlText.ident(c.name()))));
                dropTables.add(raw("DROP TABLE " + t.name().quoted()));
            }
        }
        for (Table t : to.tables().values()) {
            Table old = from.tables().get(t.name());
            if (old == null) {
                createTable(t);
            } else {
                columns(old, t);
                constraints(old, t);
            }
        }
        indexes();
        others();
    }

    private void createTable(Table t) {
        List<String> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            cols.add(columnSql(c));
        }
        createTables.add(raw("CREATE TABLE " + t.name().quoted() + " (\n    " + String.join(",\n    ", cols) + "\n)"));
        for (Constraint c : t.constraints()) {
            (c instanceof ForeignKey ? addForeignKeys : addConstraints).add(addConstraint(t.name(), c));
        }
    }

    private static String columnSql(Column c) {
        StringBuilder b = new StringBuilder(SqlText.ident(c.name())).append(' ').append(c.type());
        if (c.identity() != null) {
            b.append(" GENERATED ").append(c.identity().generation() == dev.strata.model.Identity.Generation.ALWAYS
                    ? "ALWAYS" : "BY DEFAULT").append(" AS IDENTITY");
        } else if (c.generated() != null) {
            b.append(" GENERATED ALWAYS AS (").append(c.generated()).append(") STORED");
        } else if (c.defaultSql() != null) {
            b.append(" DEFAULT ").append(c.defaultSql());
        }
        if (c.notNull()) {
            b.append(" NOT NULL");
        }
        return b.toString();
    }

    private void columns(Table old, Table t) {
        String table = t.name().quoted();
        List<Column> dropped = old.columns().stream().filter(c -> t.column(c.name()).isEmpty()).toList();
        List<Column> added = new ArrayList<>(t.columns().stream().filter(c -> old.column(c.name()).isEmpty()).toList());
        Set<String> renamedAway = new HashSet<>();
        for (Column d : dropped) {
            String key = name(t.name(), d.name());
            String target = renames.get(key);
            Column a = target == null ? null : added.stream().filter(c -> name(t.name(), c.name()).equals(target))
                    .findFirst().orElse(null);
            if (a != null) {
                columnChanges.add(raw("ALTER TABLE " + table + " RENAME COLUMN " + SqlText.ident(d.name()) + " TO "
                        + SqlText.ident(a.name())));
                added.remove(a);
                renamedAway.add(d.name());
                compareColumn(t, d, a);
                continue;
            }
            int pos = old.columns().indexOf(d);
            for (Column c : added) {
                if (c.type().equals(d.type()) && t.columns().indexOf(c) == pos) {
                    candidates.add(new SchemaDiff.RenameCandidate("column", key, name(t.name(), c.name())));
                }
            }
        }
        for (Column d : dropped) {
            if (!renamedAway.contains(d.name())) {
                columnChanges.add(raw("ALTER TABLE " + table + " DROP COLUMN " + SqlText.ident(d.name())));
            }
        }
        for (Column a : added) {
            columnChanges.add(raw("ALTER TABLE " + table + " ADD COLUMN " + columnSql(a)));
        }
        for (Column c : t.columns()) {
            old.column(c.name()).ifPresent(o -> compareColumn(t, o, c));
        }
    }

    private void compareColumn(Table t, Column o, Column c) {
        if (!o.type().equals(c.type()) || o.notNull() != c.notNull() || !Objects.equals(o.defaultSql(), c.defaultSql())
                || !Objects.equals(o.identity(), c.identity()) || !Objects.equals(o.generated(), c.generated())) {
            unsupported.add("column " + t.name() + "." + c.name() + ": changed from " + columnSql(o) + " to " + columnSql(c));
        }
    }

    private void constraints(Table old, Table t) {
        for (Constraint c : old.constraints()) {
            Constraint now = t.constraint(c.name()).orElse(null);
            if (now == null || !now.definition().equals(c.definition())) {
                dropConstraints.add(raw("ALTER TABLE " + t.name().quoted() + " DROP CONSTRAINT " + SqlText.ident(c.name())));
            }
        }
        for (Constraint c : t.constraints()) {
            Constraint was = old.constraint(c.name()).orElse(null);
            if (was == null || !was.definition().equals(c.definition())) {
                (c instanceof ForeignKey ? addForeignKeys : addConstraints).add(addConstraint(t.name(), c));
            }
        }
    }

    private static Op addConstraint(ObjectName table, Constraint c) {
        return raw("ALTER TABLE " + table.quoted() + " ADD CONSTRAINT " + SqlText.ident(c.name()) + " " + c.definition());
    }

    private void indexes() {
        for (Index i : from.indexes().values()) {
            Index now = to.indexes().get(i.name());
            if (i.constraint() == null && to.tables().containsKey(i.table())
                    && (now == null || !now.definition().equals(i.definition()))) {
                dropIndexes.add(new RawSql("DROP INDEX CONCURRENTLY " + i.name().quoted(), null, Tx.NO_TRANSACTION));
            }
        }
        for (Index i : to.indexes().values()) {
            Index was = from.indexes().get(i.name());
            if (i.constraint() == null && (was == null || !was.definition().equals(i.definition()))) {
                boolean existing = from.tables().containsKey(i.table());
                createIndexes.add(existing
                        ? new RawSql(i.definition().replaceFirst("INDEX ", "INDEX CONCURRENTLY "), null, Tx.NO_TRANSACTION)
                        : raw(i.definition()));
            }
        }
    }

    private void others() {
        differ("view", from.views(), to.views());
        differ("materialized view", from.materializedViews(), to.materializedViews());
        differ("sequence", from.sequences(), to.sequences());
        differ("enum type", from.enums(), to.enums());
        differ("composite type", from.compositeTypes(), to.compositeTypes());
        differ("domain", from.domains(), to.domains());
        differ("function", from.functions(), to.functions());
        differ("trigger", from.triggers(), to.triggers());
        differ("rule", from.rules(), to.rules());
        differ("extension", from.extensions(), to.extensions());
        differ("schema", from.schemas(), to.schemas());
    }

    private <K, V> void differ(String kind, SortedMap<K, V> a, SortedMap<K, V> b) {
        for (Map.Entry<K, V> e : a.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                unsupported.add(kind + " " + e.getKey() + ": only in the source");
            } else if (!b.get(e.getKey()).equals(e.getValue())) {
                unsupported.add(kind + " " + e.getKey() + ": differs");
            }
        }
        for (K k : b.keySet()) {
            if (!a.containsKey(k)) {
                unsupported.add(kind + " " + k + ": only in the target");
            }
        }
    }

    /** {@code table.column} for the public schema, else {@code schema.table.column}. */
    private static String name(ObjectName table, String column) {
        return (table.schema().equals("public") ? table.name() : table.toString()) + "." + column;
    }

    private static Op raw(String sql) {
        return new RawSql(sql, null, Tx.IN_TRANSACTION);
    }
}
