package dev.strata.diff;

import dev.strata.model.MaterializedView;
import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;
import dev.strata.model.View;
import dev.strata.op.CreateView;
import dev.strata.op.DropView;
import dev.strata.op.Op;
import dev.strata.op.RawSql;
import dev.strata.plan.Tx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Views and materialized views. A changed one is dropped and created again, and so is every view that reads it,
 * directly or through others, and every view reading a table whose columns are dropped or change type (PostgreSQL
 * refuses those changes under a view). Creates follow the references between views (a view after those it
 * reads); drops go the other way. Answers the relations it rebuilt, whose indexes and triggers must be rebuilt too.
 */
final class ViewDiffer {
    /** A view or a materialized view, as far as ordering and comparing go. */
    private record Rel(ObjectName name, boolean materialized, String definition, List<String> options,
                       boolean populated) {
        /**
         * The same schema: whether a materialized view holds data (WITH DATA / WITH NO DATA, REFRESH) is its state,
         * not its schema, so it is not compared; a new one is created as the target has it.
         */
        boolean sameSchema(Rel o) {
            return name.equals(o.name) && materialized == o.materialized && definition.equals(o.definition)
                    && options.equals(o.options);
        }
    }

    private ViewDiffer() {
    }

    static Set<ObjectName> diff(DiffContext cx) {
        Map<ObjectName, Rel> a = rels(cx.from);
        Map<ObjectName, Rel> b = rels(cx.to);
        Map<ObjectName, Set<ObjectName>> depsA = deps(cx.from, a);
        Map<ObjectName, Set<ObjectName>> depsB = deps(cx.to, b);
        Set<ObjectName> affected = new HashSet<>();
        a.forEach((n, r) -> {
            Rel other = b.get(n);
            if (other != null && !other.sameSchema(r)) {
                affected.add(n);
            } else if (other != null && depsA.get(n).stream().anyMatch(cx.touched::contains)) {
                affected.add(n);
            }
        });
        // everything reading an affected view is affected too
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<ObjectName, Set<ObjectName>> e : depsA.entrySet()) {
                if (!affected.contains(e.getKey()) && b.containsKey(e.getKey())
                        && e.getValue().stream().anyMatch(affected::contains)) {
                    affected.add(e.getKey());
                    grew = true;
                }
            }
        }
        Set<ObjectName> drop = new HashSet<>(affected);
        a.keySet().stream().filter(n -> !b.containsKey(n)).forEach(drop::add);
        List<ObjectName> dropOrder = new ArrayList<>(order(depsA, drop));
        Collections.reverse(dropOrder);
        dropOrder.forEach(n -> cx.add(Phase.DROP_VIEWS, dropOp(a.get(n)), n));
        Set<ObjectName> create = new HashSet<>(affected);
        b.keySet().stream().filter(n -> !a.containsKey(n)).forEach(create::add);
        for (ObjectName n : order(depsB, create)) {
            cx.add(Phase.VIEWS, createOp(b.get(n)), n);
        }
        affected.forEach(n -> cx.recreated("view", n));
        return affected;
    }

    private static Map<ObjectName, Rel> rels(SchemaModel m) {
        Map<ObjectName, Rel> out = new TreeMap<>();
        for (View v : m.views().values()) {
            out.put(v.name(), new Rel(v.name(), false, v.definition(), v.options(), true));
        }
        for (MaterializedView v : m.materializedViews().values()) {
            out.put(v.name(), new Rel(v.name(), true, v.definition(), v.options(), v.populated()));
        }
        return out;
    }

    /** For each view, the tables and views its definition mentions. */
    private static Map<ObjectName, Set<ObjectName>> deps(SchemaModel m, Map<ObjectName, Rel> rels) {
        Set<ObjectName> names = new HashSet<>(rels.keySet());
        names.addAll(m.tables().keySet());
        References refs = new References(names);
        Map<ObjectName, Set<ObjectName>> out = new TreeMap<>();
        rels.forEach((n, r) -> {
            Set<ObjectName> d = refs.in(r.definition());
            d.remove(n);
            out.put(n, d);
        });
        return out;
    }

    /** The given views, each after the views it reads (depth first, by name for a stable order). */
    private static List<ObjectName> order(Map<ObjectName, Set<ObjectName>> deps, Set<ObjectName> wanted) {
        LinkedHashSet<ObjectName> out = new LinkedHashSet<>();
        Set<ObjectName> visiting = new HashSet<>();
        new TreeMap<>(deps).keySet().stream().filter(wanted::contains).forEach(n -> visit(n, deps, wanted, out, visiting));
        return new ArrayList<>(out);
    }

    private static void visit(ObjectName n, Map<ObjectName, Set<ObjectName>> deps, Set<ObjectName> wanted,
                              LinkedHashSet<ObjectName> out, Set<ObjectName> visiting) {
        if (out.contains(n) || !visiting.add(n)) {
            return;
        }
        for (ObjectName d : deps.getOrDefault(n, Set.of())) {
            if (wanted.contains(d)) {
                visit(d, deps, wanted, out, visiting);
            }
        }
        out.add(n);
    }

    private static Op createOp(Rel r) {
        String query = Sql.query(r.definition());
        if (r.materialized()) {
            String sql = "CREATE MATERIALIZED VIEW " + r.name().quoted() + Sql.withOptions(r.options()) + " AS " + query
                    + (r.populated() ? " WITH DATA" : " WITH NO DATA");
            return new RawSql(sql, "DROP MATERIALIZED VIEW " + r.name().quoted(), Tx.IN_TRANSACTION);
        }
        if (!r.options().isEmpty()) {
            return new RawSql("CREATE VIEW " + r.name().quoted() + Sql.withOptions(r.options()) + " AS " + query,
                    "DROP VIEW " + r.name().quoted(), Tx.IN_TRANSACTION);
        }
        return new CreateView(ModelOps.qn(r.name()), query, false, null);
    }

    private static Op dropOp(Rel r) {
        Op create = createOp(r);
        if (create instanceof CreateView cv) {
            return new DropView(cv.view(), cv);
        }
        RawSql raw = (RawSql) create;
        return new RawSql(Objects.requireNonNull(raw.down()), raw.up(), Tx.IN_TRANSACTION);
    }
}
