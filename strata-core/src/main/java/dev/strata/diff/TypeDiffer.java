package dev.strata.diff;

import dev.strata.model.CompositeType;
import dev.strata.model.Domain;
import dev.strata.model.DomainCheck;
import dev.strata.model.EnumType;
import dev.strata.model.ObjectName;
import dev.strata.model.TypeAttribute;
import dev.strata.op.AddEnumValue;
import dev.strata.op.CreateEnum;
import dev.strata.op.DropEnum;
import dev.strata.op.RawSql;
import dev.strata.plan.Tx;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Enums, domains and composite types. An enum gains labels with {@code ADD VALUE ... BEFORE/AFTER} placed as in
 * the target; removing or reordering labels has no op (PostgreSQL cannot) and is reported. Domains and
 * composite types are created and dropped from their model; changes to them are reported.
 */
final class TypeDiffer {
    private TypeDiffer() {
    }

    static void diff(DiffContext cx) {
        KeyedDiff<ObjectName, EnumType> e = KeyedDiff.of(cx.from.enums(), cx.to.enums(),
                (a, b) -> a.labels().equals(b.labels()));
        e.added().values().forEach(t -> cx.add(Phase.TYPES, new CreateEnum(ModelOps.qn(t.name()), t.labels())));
        e.removed().values().forEach(t -> cx.add(Phase.DROP_TYPES,
                new DropEnum(ModelOps.qn(t.name()), new CreateEnum(ModelOps.qn(t.name()), t.labels()))));
        e.changed().values().forEach(c -> enumChange(cx, c.from(), c.to()));

        KeyedDiff<ObjectName, Domain> d = KeyedDiff.of(cx.from.domains(), cx.to.domains(),
                (a, b) -> a.baseType().equals(b.baseType()) && a.notNull() == b.notNull()
                        && java.util.Objects.equals(a.defaultSql(), b.defaultSql())
                        && java.util.Objects.equals(a.collation(), b.collation()) && a.checks().equals(b.checks()));
        d.added().values().forEach(t -> cx.add(Phase.TYPES, new RawSql(domainSql(t), "DROP DOMAIN " + t.name().quoted(),
                Tx.IN_TRANSACTION), t.name()));
        d.removed().values().forEach(t -> cx.add(Phase.DROP_TYPES, new RawSql("DROP DOMAIN " + t.name().quoted(),
                domainSql(t), Tx.IN_TRANSACTION), t.name()));
        d.changed().values().forEach(c -> cx.unsupported("domain " + c.to().name()
                + " changes (base type, default, NOT NULL or checks); ALTER DOMAIN by hand"));

        KeyedDiff<ObjectName, CompositeType> ct = KeyedDiff.of(cx.from.compositeTypes(), cx.to.compositeTypes(),
                (a, b) -> a.attributes().equals(b.attributes()));
        ct.added().values().forEach(t -> cx.add(Phase.TYPES, new RawSql(compositeSql(t), "DROP TYPE " + t.name().quoted(),
                Tx.IN_TRANSACTION), t.name()));
        ct.removed().values().forEach(t -> cx.add(Phase.DROP_TYPES, new RawSql("DROP TYPE " + t.name().quoted(),
                compositeSql(t), Tx.IN_TRANSACTION), t.name()));
        ct.changed().values().forEach(c -> cx.unsupported("composite type " + c.to().name()
                + " changes its attributes; ALTER TYPE ... ADD/DROP/ALTER ATTRIBUTE by hand"));
    }

    private static void enumChange(DiffContext cx, EnumType a, EnumType b) {
        List<String> kept = b.labels().stream().filter(a.labels()::contains).toList();
        List<String> old = a.labels().stream().filter(b.labels()::contains).toList();
        if (old.size() < a.labels().size() || !kept.equals(old)) {
            // labels go or change order: PostgreSQL cannot, so the type is made again (EnumRebuild)
            String blocker = EnumRebuild.blocker(cx.from, a.name());
            if (blocker == null) {
                EnumRebuild.ops(cx.from, cx.to, b).forEach(op -> cx.add(Phase.TYPES, op, null));
                cx.note("enum " + b.name() + " is made again with labels " + b.labels() + " (PostgreSQL cannot drop"
                        + " or reorder labels): its columns are converted, which rewrites their tables; rows holding"
                        + " a removed label make it fail");
                return;
            }
            cx.unsupported("enum " + b.name() + ": labels change from " + a.labels() + " to " + b.labels()
                    + ", which PostgreSQL cannot do in place, and the type cannot be made again automatically because "
                    + blocker + " uses it (create a new type, convert the columns, drop the old one by hand)");
            return;
        }
        List<String> present = new ArrayList<>(old);
        List<String> target = b.labels();
        for (int i = 0; i < target.size(); i++) {
            String label = target.get(i);
            if (present.contains(label)) {
                continue;
            }
            AddEnumValue op;
            if (i > 0) {
                op = new AddEnumValue(ModelOps.qn(b.name()), label, false, target.get(i - 1), false);
            } else {
                String next = target.stream().filter(present::contains).findFirst().orElse(null);
                op = new AddEnumValue(ModelOps.qn(b.name()), label, next != null, next, false);
            }
            cx.add(Phase.TYPES, op);
            present.add(label);
        }
    }

    static String domainSql(Domain d) {
        StringBuilder out = new StringBuilder("CREATE DOMAIN ").append(d.name().quoted()).append(" AS ").append(d.baseType());
        if (d.collation() != null) {
            out.append(" COLLATE ").append(d.collation());
        }
        if (d.defaultSql() != null) {
            out.append(" DEFAULT ").append(d.defaultSql());
        }
        if (d.notNull()) {
            out.append(" NOT NULL");
        }
        for (DomainCheck c : d.checks()) {
            out.append(" CONSTRAINT ").append(Sql.ident(c.name())).append(' ').append(c.definition());
        }
        return out.toString();
    }

    static String compositeSql(CompositeType t) {
        return "CREATE TYPE " + t.name().quoted() + " AS (" + t.attributes().stream().map(TypeDiffer::attribute)
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String attribute(TypeAttribute a) {
        return Sql.ident(a.name()) + " " + a.type() + (a.collation() == null ? "" : " COLLATE " + a.collation());
    }
}
