package dev.strata.diff;

import dev.strata.model.ObjectName;
import dev.strata.op.CreateEnum;
import dev.strata.op.CreateSequence;
import dev.strata.op.CreateTable;
import dev.strata.op.CreateView;
import dev.strata.op.DropEnum;
import dev.strata.op.DropSequence;
import dev.strata.op.DropTable;
import dev.strata.op.DropView;
import dev.strata.op.Op;
import dev.strata.op.QualifiedName;
import dev.strata.op.Renderer;
import dev.strata.op.Reversal;
import dev.strata.op.ext.CreateMaterializedView;
import dev.strata.op.ext.DropMaterializedView;
import dev.strata.plan.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders the ops of one window of phases by what they really depend on, as pg_dump does from pg_depend: a
 * table whose column default, check or generated column calls a function comes after that function, a domain
 * over a function after the function, a function taking a domain after the domain, a view or trigger after
 * everything it names. The model carries no pg_depend, but the inspector prints every definition with an
 * empty search path, so each name outside pg_catalog appears schema-qualified: an op depends on another when
 * its SQL names what the other creates.
 *
 * <p>Each op has the names it creates (in a window of creates) or removes (in a window of drops), given by
 * the differ with {@link DiffContext#add(Phase, Op, ObjectName)} or known from the typed op. In a window of
 * creates an op comes after the creators of every name its SQL mentions; in a window of drops an op comes
 * before the removal of every name its definition (the SQL that would create it again) mentions. The text of
 * function bodies in dollar quotes is not read: PostgreSQL does not resolve names in it at creation (with
 * {@code check_function_bodies} off for SQL functions, see {@link Differ}). Otherwise the phase order stands:
 * among ops free to go, the earliest in phase order goes first, so a diff without such dependencies keeps its
 * order; a cycle is broken at its earliest op.
 */
final class DependencyOrder {
    /** One op to place. {@code names} null: work them out from the op; empty: it takes part in no dependency. */
    record Entry(Phase phase, Op op, Set<ObjectName> names) {
    }

    private static final String PART = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern QUALIFIED = Pattern.compile("(?<![A-Za-z0-9_$\".])(" + PART + ")\\.(" + PART + ")");
    private static final Pattern DOLLAR_QUOTED = Pattern.compile("(\\$[A-Za-z_]*\\$)(?s:.*?)\\1");

    private DependencyOrder() {
    }

    /** The entries, creates of one window: each after the creators of what it mentions. */
    static List<Op> creates(List<Entry> entries) {
        return sort(entries, false);
    }

    /** The entries, drops of one window: each before the removal of what its definition mentions. */
    static List<Op> drops(List<Entry> entries) {
        return sort(entries, true);
    }

    /** The late drops whose definitions name what one of the early drops removes. */
    static List<Entry> needingEarlierDrop(List<Entry> late, List<Entry> early) {
        Set<ObjectName> removedEarly = new HashSet<>();
        for (Entry e : early) {
            removedEarly.addAll(e.names() == null ? inferred(e.op()) : e.names());
        }
        if (removedEarly.isEmpty()) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : late) {
            if (!(e.names() != null && e.names().isEmpty())
                    && mentions(definition(e.op())).stream().anyMatch(removedEarly::contains)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Op> sort(List<Entry> entries, boolean drops) {
        int n = entries.size();
        List<Set<ObjectName>> names = new ArrayList<>(n);
        Map<ObjectName, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            Set<ObjectName> own = e.names() == null ? inferred(e.op()) : e.names();
            names.add(own);
            for (ObjectName name : own) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
            }
        }
        if (byName.isEmpty()) {
            return entries.stream().map(Entry::op).toList();
        }
        List<Set<Integer>> before = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            before.add(new HashSet<>());
        }
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            if (e.names() != null && e.names().isEmpty()) {
                continue;
            }
            for (ObjectName mentioned : mentions(drops ? definition(e.op()) : sql(e.op()))) {
                for (int other : byName.getOrDefault(mentioned, List.of())) {
                    if (other == i || names.get(i).contains(mentioned)) {
                        continue;
                    }
                    if (drops) {
                        before.get(other).add(i); // i names what other removes: i goes first
                    } else {
                        before.get(i).add(other); // other creates what i names: other goes first
                    }
                }
            }
        }
        return kahn(entries, before);
    }

    /** Topological order, earliest original position first among the ops whose predecessors are placed. */
    private static List<Op> kahn(List<Entry> entries, List<Set<Integer>> before) {
        int n = entries.size();
        int[] waiting = new int[n];
        List<List<Integer>> after = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            after.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            waiting[i] = before.get(i).size();
            for (int p : before.get(i)) {
                after.get(p).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        boolean[] placed = new boolean[n];
        List<Op> out = new ArrayList<>(n);
        while (out.size() < n) {
            int next;
            if (ready.isEmpty()) {
                // a cycle: break it at its earliest op
                int i = 0;
                while (placed[i]) {
                    i++;
                }
                next = i;
            } else {
                next = ready.poll();
                if (placed[next]) {
                    continue;
                }
            }
            placed[next] = true;
            out.add(entries.get(next).op());
            for (int a : after.get(next)) {
                if (--waiting[a] == 0 && !placed[a]) {
                    ready.add(a);
                }
            }
        }
        return out;
    }

    /** The names a typed op creates or removes; other ops declare theirs when they are added. */
    static Set<ObjectName> inferred(Op op) {
        QualifiedName q = null;
        if (op instanceof CreateTable o) {
            q = o.table();
        } else if (op instanceof DropTable o) {
            q = o.table();
        } else if (op instanceof CreateView o) {
            q = o.view();
        } else if (op instanceof DropView o) {
            q = o.view();
        } else if (op instanceof CreateEnum o) {
            q = o.type();
        } else if (op instanceof DropEnum o) {
            q = o.type();
        } else if (op instanceof CreateSequence o) {
            q = o.sequence();
        } else if (op instanceof DropSequence o) {
            q = o.sequence();
        } else if (op instanceof CreateMaterializedView o) {
            q = o.view();
        } else if (op instanceof DropMaterializedView o) {
            q = o.view();
        }
        return q == null ? Set.of() : Set.of(new ObjectName(q.schema(), q.name()));
    }

    /** The op's SQL, as it will run. */
    static String sql(Op op) {
        StringBuilder out = new StringBuilder();
        try {
            for (Statement s : Renderer.render(op)) {
                out.append(s.sql() == null ? "" : s.sql()).append('\n');
            }
        } catch (RuntimeException e) {
            // an op that renders only within its list: its description still names its objects
            out.append(op.describe());
        }
        return out.toString();
    }

    /** The SQL that would create again what a drop removes (its reverse), or nothing when it has none. */
    private static String definition(Op op) {
        if (op.reverse() instanceof Reversal.Reversible r) {
            StringBuilder out = new StringBuilder();
            for (Op o : r.ops()) {
                out.append(sql(o));
            }
            return out.toString();
        }
        return "";
    }

    /** The schema-qualified names in SQL text, outside dollar-quoted bodies. */
    static Set<ObjectName> mentions(String sql) {
        String text = DOLLAR_QUOTED.matcher(sql).replaceAll(" ");
        Set<ObjectName> out = new HashSet<>();
        Matcher m = QUALIFIED.matcher(text);
        while (m.find()) {
            out.add(new ObjectName(unquote(m.group(1)), unquote(m.group(2))));
        }
        return out;
    }

    /** The schema-qualified names inside the dollar-quoted parts of SQL text (a function's string body). */
    static Set<ObjectName> bodyMentions(String sql) {
        Set<ObjectName> out = new HashSet<>();
        Matcher body = DOLLAR_QUOTED.matcher(sql);
        while (body.find()) {
            Matcher m = QUALIFIED.matcher(body.group());
            while (m.find()) {
                out.add(new ObjectName(unquote(m.group(1)), unquote(m.group(2))));
            }
        }
        return out;
    }

    private static String unquote(String part) {
        return part.startsWith("\"") ? part.substring(1, part.length() - 1).replace("\"\"", "\"") : part;
    }
}
