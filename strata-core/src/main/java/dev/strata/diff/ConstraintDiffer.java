package dev.strata.diff;

import dev.strata.model.Constraint;
import dev.strata.model.ForeignKey;
import dev.strata.model.ObjectName;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Table;
import dev.strata.model.Unique;
import dev.strata.op.Mode;
import dev.strata.op.ValidateConstraint;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Constraints, per table: added, dropped, and changed ones dropped and added again, except a NOT VALID
 * constraint that became valid, which is validated. Keys and checks come before the indexes, foreign keys after
 * them (a foreign key needs the key it references); foreign keys are dropped first. A foreign key referencing a
 * table whose primary or unique key changes is dropped and added around that change.
 */
final class ConstraintDiffer {
    private ConstraintDiffer() {
    }

    static void diff(DiffContext cx) {
        Set<ObjectName> keysChanged = new HashSet<>();
        cx.from.tables().values().forEach(a -> {
            Table b = cx.to.tables().get(a.name());
            Map<String, Constraint> now = b == null ? Map.of() : byName(b);
            for (Constraint c : own(a)) {
                if ((c instanceof PrimaryKey || c instanceof Unique) && !c.equals(now.get(c.name()))
                        && (now.get(c.name()) == null || !now.get(c.name()).definition().equals(c.definition()))) {
                    keysChanged.add(a.name());
                }
            }
        });
        for (Table a : cx.from.tables().values()) {
            Table b = cx.to.tables().get(a.name());
            Map<String, Constraint> next = b == null ? Map.of() : byName(b);
            for (Constraint c : own(a)) {
                Constraint n = next.get(c.name());
                boolean forced = c instanceof ForeignKey fk && keysChanged.contains(fk.referencedTable())
                        && !fk.referencedTable().equals(a.name());
                if (b == null) {
                    if (c instanceof ForeignKey) {
                        cx.add(Phase.DROP_FOREIGN_KEYS, ModelOps.dropConstraint(a.name(), c, mode(cx, a)));
                    }
                } else if (n == null) {
                    drop(cx, a, c);
                } else if (!same(c, n) || forced) {
                    if (!forced && c.getClass() == n.getClass() && !c.validated() && n.validated()
                            && c.definition().equals(n.definition() + " NOT VALID")) {
                        cx.add(c instanceof ForeignKey ? Phase.FOREIGN_KEYS : Phase.CONSTRAINTS,
                                new ValidateConstraint(ModelOps.qn(b.name()), c.name()));
                        continue;
                    }
                    drop(cx, a, c);
                    add(cx, b, n);
                    cx.recreated("constraint", b.name() + "." + n.name());
                }
            }
        }
        for (Table b : cx.to.tables().values()) {
            Table a = cx.from.tables().get(b.name());
            Map<String, Constraint> before = a == null ? Map.of() : byName(a);
            for (Constraint n : own(b)) {
                if (!before.containsKey(n.name())) {
                    add(cx, b, n);
                }
            }
        }
    }

    private static boolean same(Constraint a, Constraint b) {
        return a.getClass() == b.getClass() && a.definition().equals(b.definition());
    }

    private static List<Constraint> own(Table t) {
        return t.constraints().stream().filter(c -> !c.inherited()).toList();
    }

    private static Map<String, Constraint> byName(Table t) {
        return own(t).stream().collect(Collectors.toMap(Constraint::name, Function.identity(), (x, y) -> x, TreeMap::new));
    }

    private static void drop(DiffContext cx, Table t, Constraint c) {
        cx.add(c instanceof ForeignKey ? Phase.DROP_FOREIGN_KEYS : Phase.DROP_CONSTRAINTS,
                ModelOps.dropConstraint(t.name(), c, mode(cx, t)));
    }

    private static void add(DiffContext cx, Table t, Constraint c) {
        cx.add(c instanceof ForeignKey ? Phase.FOREIGN_KEYS : Phase.CONSTRAINTS,
                ModelOps.addConstraint(t.name(), c, mode(cx, t)));
    }

    /** Partitioned tables refuse CONCURRENTLY and NOT VALID foreign keys: plain forms there. */
    private static Mode mode(DiffContext cx, Table t) {
        return t.partitioned() || t.partitionOf() != null ? Mode.BLOCKING : cx.options.mode();
    }
}
