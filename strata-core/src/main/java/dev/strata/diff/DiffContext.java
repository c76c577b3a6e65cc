package dev.strata.diff;

import dev.strata.model.SchemaModel;
import dev.strata.op.Op;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state one diff builds up: both models, the options, the ops per {@link Phase}, and the lines of the
 * result. Mutable and private to one {@link Differ#diff} call.
 */
final class DiffContext {
    final SchemaModel from;
    final SchemaModel to;
    final DiffOptions options;
    private final Map<Phase, List<DependencyOrder.Entry>> ops = new EnumMap<>(Phase.class);
    final List<String> destructive = new ArrayList<>();
    final List<String> unsupported = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Objects dropped and created again ("kind:name"): they lose their comment, which must be set again. */
    /** What was dropped and created again, by kind; names keyed as the objects (no strings built per lookup). */
    private final Set<Recreated> recreated = new HashSet<>();
    /** Tables (as named in the source) whose columns are dropped or change type: views reading them are rebuilt. */
    final Set<dev.strata.model.ObjectName> touched = new HashSet<>();

    DiffContext(SchemaModel from, SchemaModel to, DiffOptions options) {
        this.from = from;
        this.to = to;
        this.options = options;
        for (Phase p : Phase.values()) {
            ops.put(p, new ArrayList<>());
        }
    }

    /** An op whose dependencies come from its type and SQL (see {@link DependencyOrder}). */
    void add(Phase phase, Op op) {
        ops.get(phase).add(new DependencyOrder.Entry(phase, op, null));
    }

    /**
     * An op that creates {@code name} (in a phase of creates) or removes it (in a phase of drops), for ops whose
     * type does not say (raw SQL: functions, domains, composite types; a new kind's ops). A null name: the op
     * takes part in no dependency and keeps its place in its phase (a drop in a phase of creates, for one).
     */
    void add(Phase phase, Op op, dev.strata.model.ObjectName name) {
        ops.get(phase).add(new DependencyOrder.Entry(phase, op, name == null ? Set.of() : Set.of(name)));
    }

    /** An op that loses data: emitted only when allowed, and listed either way. */
    void addDestructive(Phase phase, Op op) {
        if (options.allowDestructive()) {
            destructive.add(op.describe());
            add(phase, op);
        } else {
            destructive.add(op.describe() + " (left out: destructive changes are not allowed)");
            unsupported.add("not done, destructive: " + op.describe());
        }
    }

    void unsupported(String line) {
        unsupported.add(line);
    }

    void note(String line) {
        notes.add(line);
    }

    void touched(dev.strata.model.ObjectName table) {
        touched.add(table);
    }

    void recreated(String kind, Object name) {
        recreated.add(new Recreated(kind, name));
    }

    boolean wasRecreated(String kind, Object name) {
        return !recreated.isEmpty() && recreated.contains(new Recreated(kind, name));
    }

    private record Recreated(String kind, Object name) {
    }

    /**
     * The ops in phase order, each window of phases ({@link Phase.Window}) ordered by its ops' dependencies. A late
     * drop whose definition names something an early drop removes (a function returning a dropped table's rows)
     * joins the early drops, ahead of it.
     */
    List<Op> ordered() {
        Map<Phase.Window, List<DependencyOrder.Entry>> windows = new EnumMap<>(Phase.Window.class);
        for (Phase.Window w : Phase.Window.values()) {
            windows.put(w, new ArrayList<>());
        }
        ops.forEach((phase, list) -> windows.get(phase.window).addAll(list));
        List<DependencyOrder.Entry> early = windows.get(Phase.Window.EARLY_DROPS);
        List<DependencyOrder.Entry> late = windows.get(Phase.Window.LATE_DROPS);
        List<DependencyOrder.Entry> moved = DependencyOrder.needingEarlierDrop(late, early);
        late.removeAll(moved);
        List<DependencyOrder.Entry> earlyAll = new ArrayList<>(moved);
        earlyAll.addAll(early);
        List<Op> out = new ArrayList<>();
        ops.get(Phase.SETTINGS).forEach(e -> out.add(e.op()));
        ops.get(Phase.RENAMES).forEach(e -> out.add(e.op()));
        out.addAll(DependencyOrder.drops(earlyAll));
        out.addAll(DependencyOrder.creates(windows.get(Phase.Window.CREATES)));
        out.addAll(DependencyOrder.drops(late));
        ops.get(Phase.COMMENTS).forEach(e -> out.add(e.op()));
        return out;
    }
}
