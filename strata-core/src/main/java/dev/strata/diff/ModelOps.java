package dev.strata.diff;

import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.Constraint;
import dev.strata.model.ForeignKey;
import dev.strata.model.Identity;
import dev.strata.model.MatchType;
import dev.strata.model.ObjectName;
import dev.strata.model.PrimaryKey;
import dev.strata.model.ReferentialAction;
import dev.strata.model.Table;
import dev.strata.model.Unique;
import dev.strata.op.AddConstraint;
import dev.strata.op.CheckConstraint;
import dev.strata.op.ColumnDef;
import dev.strata.op.ConstraintDef;
import dev.strata.op.CreateTable;
import dev.strata.op.DropConstraint;
import dev.strata.op.DropTable;
import dev.strata.op.ForeignKeyConstraint;
import dev.strata.op.Mode;
import dev.strata.op.Op;
import dev.strata.op.PrimaryKeyConstraint;
import dev.strata.op.QualifiedName;
import dev.strata.op.RawSql;
import dev.strata.op.UniqueConstraint;
import dev.strata.plan.Tx;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns model objects into ops: typed ops where the vocabulary says exactly what the catalog holds, and
 * {@link RawSql} built from the catalog's own definition text where it does not (deferrable keys, NOT VALID,
 * exclusion constraints, partitions...), so that applying the ops gives back the same catalog.
 */
final class ModelOps {
    private ModelOps() {
    }

    static QualifiedName qn(ObjectName n) {
        return new QualifiedName(n.schema(), n.name());
    }

    /** The column as written in CREATE TABLE / ADD COLUMN; a collation rides along in the type text. */
    static ColumnDef column(Column c) {
        ColumnDef.Identity identity = c.identity() == null ? null
                : c.identity().generation() == Identity.Generation.ALWAYS ? ColumnDef.Identity.ALWAYS
                : ColumnDef.Identity.BY_DEFAULT;
        return new ColumnDef(c.name(), type(c), !c.notNull(), c.defaultSql(), identity, c.generated());
    }

    static String type(Column c) {
        return c.collation() == null ? c.type() : c.type() + " COLLATE " + c.collation();
    }

    /** The columns a table declares itself (a partition's or child's inherited ones come from the parent). */
    static List<Column> ownColumns(Table t) {
        return t.columns().stream().filter(c -> !c.inherited()).toList();
    }

    static boolean plainTable(Table t) {
        return !t.partitioned() && t.partitionOf() == null && t.inherits().isEmpty() && t.options().isEmpty();
    }

    /** CREATE TABLE with its columns only; keys, checks and foreign keys follow as their own ops. */
    static Op createTable(Table t) {
        if (plainTable(t)) {
            return new CreateTable(qn(t.name()), ownColumns(t).stream().map(ModelOps::column).toList(), List.of(),
                    List.of(), t.unlogged(), null);
        }
        return new RawSql(createTableSql(t), "DROP TABLE " + t.name().quoted(), Tx.IN_TRANSACTION);
    }

    /** DROP TABLE holding the definition to restore (columns and the typed keys and checks). */
    static Op dropTable(Table t) {
        if (!plainTable(t)) {
            return new RawSql("DROP TABLE " + t.name().quoted(), createTableSql(t), Tx.IN_TRANSACTION);
        }
        List<ConstraintDef> defs = new ArrayList<>();
        for (Constraint c : t.constraints()) {
            ConstraintDef d = c instanceof ForeignKey || c.inherited() ? null : typed(c);
            if (d != null) {
                defs.add(d);
            }
        }
        CreateTable def = new CreateTable(qn(t.name()), ownColumns(t).stream().map(ModelOps::column).toList(),
                List.of(), defs, t.unlogged(), t.comment());
        return new DropTable(qn(t.name()), def);
    }

    static String createTableSql(Table t) {
        StringBuilder out = new StringBuilder("CREATE ").append(t.unlogged() ? "UNLOGGED " : "").append("TABLE ")
                .append(t.name().quoted());
        List<Column> own = ownColumns(t);
        if (t.partitionOf() != null) {
            out.append(" PARTITION OF ").append(t.partitionOf().quoted());
        }
        if (t.partitionOf() == null || !own.isEmpty()) {
            out.append(" (").append(own.stream().map(c -> Sql.ident(c.name()) + " " + columnTail(c))
                    .collect(Collectors.joining(", "))).append(")");
        }
        if (t.partitionOf() != null) {
            out.append(" ").append(t.partitionBound());
        }
        if (!t.inherits().isEmpty()) {
            out.append(" INHERITS (").append(t.inherits().stream().map(ObjectName::quoted)
                    .collect(Collectors.joining(", "))).append(")");
        }
        if (t.partitioned()) {
            out.append(" PARTITION BY ").append(t.partitionKey());
        }
        out.append(Sql.withOptions(t.options()));
        return out.toString();
    }

    private static String columnTail(Column c) {
        ColumnDef d = column(c);
        StringBuilder out = new StringBuilder(d.type());
        if (d.identity() != null) {
            out.append(d.identity() == ColumnDef.Identity.ALWAYS ? " GENERATED ALWAYS AS IDENTITY"
                    : " GENERATED BY DEFAULT AS IDENTITY");
        }
        if (d.generated() != null) {
            out.append(" GENERATED ALWAYS AS (").append(d.generated()).append(") STORED");
        }
        if (d.defaultValue() != null) {
            out.append(" DEFAULT ").append(d.defaultValue());
        }
        if (!d.nullable()) {
            out.append(" NOT NULL");
        }
        return out.toString();
    }

    /** The typed form of a constraint when it says exactly what the catalog holds, else null. */
    static ConstraintDef typed(Constraint c) {
        String def = c.definition();
        if (c.deferrable() && !(c instanceof ForeignKey)) {
            return null;
        }
        if (c instanceof PrimaryKey pk) {
            return def.equals("PRIMARY KEY (" + idents(pk.columns()) + ")")
                    ? new PrimaryKeyConstraint(pk.name(), pk.columns()) : null;
        }
        if (c instanceof Unique u) {
            if (def.equals("UNIQUE (" + idents(u.columns()) + ")")) {
                return new UniqueConstraint(u.name(), u.columns(), false);
            }
            return def.equals("UNIQUE NULLS NOT DISTINCT (" + idents(u.columns()) + ")")
                    ? new UniqueConstraint(u.name(), u.columns(), true) : null;
        }
        if (c instanceof Check ck) {
            if (!ck.validated() || ck.noInherit() || !def.startsWith("CHECK (") || !def.endsWith(")")) {
                return null;
            }
            return new CheckConstraint(ck.name(), def.substring("CHECK (".length(), def.length() - 1));
        }
        if (c instanceof ForeignKey fk) {
            if (!fk.validated() || fk.match() != MatchType.SIMPLE || def.contains(" SET NULL (")
                    || def.contains(" SET DEFAULT (")) {
                return null;
            }
            return new ForeignKeyConstraint(fk.name(), fk.columns(), qn(fk.referencedTable()), fk.referencedColumns(),
                    action(fk.onDelete()), action(fk.onUpdate()), fk.deferrable(), fk.initiallyDeferred());
        }
        return null;
    }

    private static ForeignKeyConstraint.Action action(ReferentialAction a) {
        return ForeignKeyConstraint.Action.valueOf(a.name());
    }

    private static String idents(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    static Op addConstraint(ObjectName table, Constraint c, Mode mode) {
        ConstraintDef d = typed(c);
        if (d != null) {
            return new AddConstraint(qn(table), d, mode);
        }
        return new RawSql(addConstraintSql(table, c), dropConstraintSql(table, c), Tx.IN_TRANSACTION);
    }

    static Op dropConstraint(ObjectName table, Constraint c, Mode mode) {
        ConstraintDef d = typed(c);
        if (d != null) {
            return new DropConstraint(qn(table), c.name(), new AddConstraint(qn(table), d, mode));
        }
        return new RawSql(dropConstraintSql(table, c), addConstraintSql(table, c), Tx.IN_TRANSACTION);
    }

    private static String addConstraintSql(ObjectName table, Constraint c) {
        return "ALTER TABLE " + table.quoted() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition();
    }

    private static String dropConstraintSql(ObjectName table, Constraint c) {
        return "ALTER TABLE " + table.quoted() + " DROP CONSTRAINT " + Sql.ident(c.name());
    }
}
