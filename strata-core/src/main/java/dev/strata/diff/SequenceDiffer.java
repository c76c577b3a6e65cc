package dev.strata.diff;

import dev.strata.model.ObjectName;
import dev.strata.model.Sequence;
import dev.strata.model.SequenceOptions;
import dev.strata.model.Table;
import dev.strata.op.CreateSequence;
import dev.strata.op.DropSequence;
import dev.strata.op.Op;
import dev.strata.op.RawSql;
import dev.strata.plan.Tx;

import java.util.Locale;
import java.util.Objects;

/**
 * Stand-alone sequences: created before the tables whose defaults call them, owned by their column once the
 * table exists, altered in place when their settings change, and dropped (destructive) after the columns that
 * used them, unless a dropped table or column that owns them takes them along.
 */
final class SequenceDiffer {
    private SequenceDiffer() {
    }

    static void diff(DiffContext cx) {
        KeyedDiff<ObjectName, Sequence> d = KeyedDiff.of(cx.from.sequences(), cx.to.sequences(),
                (a, b) -> a.options().equals(b.options()) && Objects.equals(a.ownedByTable(), b.ownedByTable())
                        && Objects.equals(a.ownedByColumn(), b.ownedByColumn()));
        d.added().values().forEach(s -> {
            cx.add(Phase.SEQUENCES, create(s));
            if (s.ownedByTable() != null) {
                cx.add(Phase.SEQUENCE_OWNERSHIP, new RawSql(ownedSql(s), ownedSql(s.name(), null, null), Tx.IN_TRANSACTION));
            }
        });
        d.removed().values().forEach(s -> {
            if (!goesWithOwner(cx, s)) {
                cx.addDestructive(Phase.DROP_SEQUENCES, drop(s));
            }
        });
        d.changed().values().forEach(c -> {
            Sequence a = c.from();
            Sequence b = c.to();
            if (!a.options().equals(b.options())) {
                cx.add(Phase.SEQUENCES, new RawSql(alterSql(b.name(), b.options()), alterSql(a.name(), a.options()),
                        Tx.IN_TRANSACTION));
            }
            if (!Objects.equals(a.ownedByTable(), b.ownedByTable()) || !Objects.equals(a.ownedByColumn(), b.ownedByColumn())) {
                cx.add(Phase.SEQUENCE_OWNERSHIP, new RawSql(ownedSql(b), ownedSql(a), Tx.IN_TRANSACTION));
            }
        });
    }

    private static boolean goesWithOwner(DiffContext cx, Sequence s) {
        if (s.ownedByTable() == null) {
            return false;
        }
        Table owner = cx.to.tables().get(s.ownedByTable());
        return owner == null || owner.column(s.ownedByColumn()).isEmpty();
    }

    private static Op create(Sequence s) {
        SequenceOptions o = s.options();
        String type = o.dataType().toLowerCase(Locale.ROOT);
        boolean typed = !o.cycle() && o.increment() > 0 && o.min() == 1 && o.max() == max(type) && o.start() == 1;
        if (typed) {
            return new CreateSequence(ModelOps.qn(s.name()), type, null, o.increment() == 1 ? null : o.increment(),
                    o.cache() == 1 ? null : o.cache());
        }
        return new RawSql("CREATE SEQUENCE " + s.name().quoted() + options(o), "DROP SEQUENCE " + s.name().quoted(),
                Tx.IN_TRANSACTION);
    }

    private static Op drop(Sequence s) {
        Op create = create(s);
        if (create instanceof CreateSequence cs) {
            return new DropSequence(cs.sequence(), cs);
        }
        return new RawSql("DROP SEQUENCE " + s.name().quoted(), ((RawSql) create).up(), Tx.IN_TRANSACTION);
    }

    private static long max(String type) {
        return switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    private static String options(SequenceOptions o) {
        return " AS " + o.dataType() + " INCREMENT BY " + o.increment() + " MINVALUE " + o.min() + " MAXVALUE " + o.max()
                + " START WITH " + o.start() + " CACHE " + o.cache() + (o.cycle() ? " CYCLE" : " NO CYCLE");
    }

    private static String alterSql(ObjectName name, SequenceOptions o) {
        return "ALTER SEQUENCE " + name.quoted() + options(o);
    }

    private static String ownedSql(Sequence s) {
        return ownedSql(s.name(), s.ownedByTable(), s.ownedByColumn());
    }

    private static String ownedSql(ObjectName seq, ObjectName table, String column) {
        return "ALTER SEQUENCE " + seq.quoted() + " OWNED BY "
                + (table == null ? "NONE" : table.quoted() + "." + Sql.ident(column));
    }
}
