package dev.strata.diff;

import dev.strata.model.Function;
import dev.strata.model.MemberName;
import dev.strata.model.ObjectName;
import dev.strata.model.Rule;
import dev.strata.model.Trigger;
import dev.strata.op.RawSql;
import dev.strata.plan.Tx;

import java.util.Objects;
import java.util.Set;

/**
 * Functions, procedures, triggers and rules, which have no typed op: raw SQL from the catalog's own definitions
 * ({@code pg_get_functiondef}, {@code pg_get_triggerdef}, {@code pg_get_ruledef}). A changed function is
 * replaced in place ({@code CREATE OR REPLACE}), or dropped and created when its result or kind changes; a
 * changed trigger or rule is dropped and created. Functions come before triggers and after tables; removed
 * functions go after everything that used them.
 */
final class RoutineDiffer {
    private RoutineDiffer() {
    }

    static void diff(DiffContext cx, Set<ObjectName> rebuiltViews) {
        KeyedDiff<ObjectName, Function> f = KeyedDiff.of(cx.from.functions(), cx.to.functions(),
                (a, b) -> a.definition().equals(b.definition()));
        f.added().values().forEach(fn -> cx.add(Phase.FUNCTIONS, new RawSql(fn.definition(), dropSql(fn),
                Tx.IN_TRANSACTION), fn.name()));
        f.removed().values().forEach(fn -> cx.add(Phase.DROP_FUNCTIONS,
                new RawSql(dropSql(fn), fn.definition(), Tx.IN_TRANSACTION), fn.name()));
        f.changed().values().forEach(c -> {
            Function a = c.from();
            Function b = c.to();
            if (Objects.equals(a.result(), b.result()) && a.kind() == b.kind()) {
                cx.add(Phase.FUNCTIONS, new RawSql(b.definition(), a.definition(), Tx.IN_TRANSACTION), b.name());
            } else {
                cx.add(Phase.FUNCTIONS, new RawSql(dropSql(a), a.definition(), Tx.IN_TRANSACTION), null);
                cx.add(Phase.FUNCTIONS, new RawSql(b.definition(), dropSql(b), Tx.IN_TRANSACTION), b.name());
                cx.recreated("function", b.key());
            }
        });

        uncheckedBodies(cx, f);

        KeyedDiff<MemberName, Trigger> t = KeyedDiff.of(cx.from.triggers(), cx.to.triggers(),
                (a, b) -> a.definition().equals(b.definition()) && !rebuiltViews.contains(a.name().relation()));
        t.added().values().forEach(tr -> createTrigger(cx, tr));
        t.removed().values().forEach(tr -> {
            if (stays(cx, tr.name().relation())) {
                cx.add(Phase.DROP_TRIGGERS, new RawSql(dropSql(tr), tr.definition(), Tx.IN_TRANSACTION));
            }
        });
        t.changed().values().forEach(c -> {
            if (!rebuiltViews.contains(c.from().name().relation())) {
                cx.add(Phase.DROP_TRIGGERS, new RawSql(dropSql(c.from()), c.from().definition(), Tx.IN_TRANSACTION));
            }
            createTrigger(cx, c.to());
            cx.recreated("trigger", c.to().name());
        });
        t.unchanged().values().forEach(tr -> {
            char before = cx.from.triggers().get(tr.name()).enabled();
            if (before != tr.enabled()) {
                cx.add(Phase.TRIGGERS, new RawSql(enableSql(tr.name(), tr.enabled()), enableSql(tr.name(), before),
                        Tx.IN_TRANSACTION));
            }
        });

        KeyedDiff<MemberName, Rule> r = KeyedDiff.of(cx.from.rules(), cx.to.rules(),
                (a, b) -> a.definition().equals(b.definition()) && !rebuiltViews.contains(a.name().relation()));
        r.added().values().forEach(ru -> cx.add(Phase.TRIGGERS, new RawSql(ru.definition(), dropSql(ru), Tx.IN_TRANSACTION)));
        r.removed().values().forEach(ru -> {
            if (stays(cx, ru.name().relation())) {
                cx.add(Phase.DROP_TRIGGERS, new RawSql(dropSql(ru), ru.definition(), Tx.IN_TRANSACTION));
            }
        });
        r.changed().values().forEach(c -> {
            if (!rebuiltViews.contains(c.from().name().relation())) {
                cx.add(Phase.DROP_TRIGGERS, new RawSql(dropSql(c.from()), c.from().definition(), Tx.IN_TRANSACTION));
            }
            cx.add(Phase.TRIGGERS, new RawSql(c.to().definition(), dropSql(c.to()), Tx.IN_TRANSACTION));
            cx.recreated("rule", c.to().name());
        });
    }

    /**
     * A SQL function with a string body is checked at creation when {@code check_function_bodies} is on, so the
     * tables its body reads must exist by then; but dependency order may have to create it before them (a table's
     * default calls another function that it precedes... or simply one it is ordered ahead of). As pg_dump does,
     * the revision then turns the check off first: only when a created SQL function's body names an object this
     * diff creates. PL/pgSQL bodies are never resolved at creation.
     */
    private static void uncheckedBodies(DiffContext cx, KeyedDiff<ObjectName, Function> f) {
        Set<ObjectName> created = new java.util.HashSet<>();
        created.addAll(added(cx.from.tables().keySet(), cx.to.tables().keySet()));
        created.addAll(added(cx.from.views().keySet(), cx.to.views().keySet()));
        created.addAll(added(cx.from.materializedViews().keySet(), cx.to.materializedViews().keySet()));
        created.addAll(added(cx.from.enums().keySet(), cx.to.enums().keySet()));
        created.addAll(added(cx.from.domains().keySet(), cx.to.domains().keySet()));
        created.addAll(added(cx.from.compositeTypes().keySet(), cx.to.compositeTypes().keySet()));
        created.addAll(added(cx.from.sequences().keySet(), cx.to.sequences().keySet()));
        java.util.stream.Stream<Function> written = java.util.stream.Stream.concat(f.added().values().stream(),
                f.changed().values().stream().map(KeyedDiff.Change::to));
        if (written.anyMatch(fn -> "sql".equals(fn.language())
                && DependencyOrder.bodyMentions(fn.definition()).stream().anyMatch(created::contains))) {
            cx.add(Phase.SETTINGS, new RawSql(UNCHECKED_BODIES, "RESET check_function_bodies", Tx.IN_TRANSACTION));
        }
    }

    static final String UNCHECKED_BODIES = "SET check_function_bodies = off";

    private static Set<ObjectName> added(Set<ObjectName> before, Set<ObjectName> after) {
        Set<ObjectName> out = new java.util.HashSet<>(after);
        out.removeAll(before);
        return out;
    }

    /** Whether the relation survives; when it is dropped its triggers and rules go with it. */
    private static boolean stays(DiffContext cx, ObjectName relation) {
        return cx.to.tables().containsKey(relation) || cx.to.views().containsKey(relation)
                || cx.to.materializedViews().containsKey(relation);
    }

    private static void createTrigger(DiffContext cx, Trigger tr) {
        cx.add(Phase.TRIGGERS, new RawSql(tr.definition(), dropSql(tr), Tx.IN_TRANSACTION));
        if (tr.enabled() != 'O') {
            cx.add(Phase.TRIGGERS, new RawSql(enableSql(tr.name(), tr.enabled()), enableSql(tr.name(), 'O'),
                    Tx.IN_TRANSACTION));
        }
    }

    static String dropSql(Function fn) {
        return "DROP " + (fn.kind() == Function.Kind.PROCEDURE ? "PROCEDURE " : "FUNCTION ") + fn.name().quoted()
                + "(" + fn.identityArguments() + ")";
    }

    private static String dropSql(Trigger tr) {
        return "DROP TRIGGER " + Sql.ident(tr.name().name()) + " ON " + tr.name().relation().quoted();
    }

    private static String dropSql(Rule ru) {
        return "DROP RULE " + Sql.ident(ru.name().name()) + " ON " + ru.name().relation().quoted();
    }

    private static String enableSql(MemberName trigger, char state) {
        String action = switch (state) {
            case 'D' -> "DISABLE TRIGGER ";
            case 'R' -> "ENABLE REPLICA TRIGGER ";
            case 'A' -> "ENABLE ALWAYS TRIGGER ";
            default -> "ENABLE TRIGGER ";
        };
        return "ALTER TABLE " + trigger.relation().quoted() + " " + action + Sql.ident(trigger.name());
    }
}
