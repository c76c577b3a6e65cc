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
    private final Map<Phase, List<Op>> ops = new EnumMap<>(Phase.class);
    final List<String> destructive = new ArrayList<>();
    final List<String> unsupported = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Objects dropped and created again ("kind:name"): they lose their comment, which must be set again. */
    private final Set<String> recreated = new HashSet<>();
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

    void add(Phase phase, Op op) {
        ops.get(phase).add(op);
    }

    /** An op that loses data: emitted only when allowed, and listed either way. */
    void addDestructive(Phase phase, Op op) {
        if (options.allowDestructive()) {
            destructive.add(op.describe());
            ops.get(phase).add(op);
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
        recreated.add(kind + ":" + name);
    }

    boolean wasRecreated(String kind, Object name) {
        return recreated.contains(kind + ":" + name);
    }

    List<Op> ordered() {
        List<Op> out = new ArrayList<>();
        ops.values().forEach(out::addAll);
        return out;
    }
}
