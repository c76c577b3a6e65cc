package dev.strata.graph;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The immutable DAG of all revisions, validated when built: ids are unique, every parent and depends-on
 * exists, there is no cycle, and branch labels are unique and differ from every id. A revision requires
 * its parents and its depends-on; "ancestors" and "descendants" follow both kinds of edge, while
 * "children", heads and branch points follow parent edges only.
 *
 * <p>Every list it returns is in a fixed order: {@link #all()} is topological (bases first, ties broken by
 * id) and other lists of ids are sorted. The version table is modelled as a set of heads: the applied
 * revisions that no other applied revision requires. See the package documentation for how targets,
 * upgrade, downgrade and stamp behave and where they differ from Alembic.
 */
public final class RevisionGraph {
    private final GraphIndex index;
    /**
     * The last upgrade planned: one upgrade asks for the same plan up to four times (its lint gate, its preflight,
     * the runner), each a walk over the whole graph. The graph does not change, so the plan does not either.
     */
    private volatile LastUpgrade lastUpgrade;

    private record LastUpgrade(Set<RevisionId> from, String target, List<Step> steps) {
    }
    private final Map<RevisionId, Integer> position = new HashMap<>();

    private RevisionGraph(GraphIndex index) {
        this.index = index;
        for (int i = 0; i < index.order.size(); i++) {
            position.put(index.order.get(i).id(), i);
        }
    }

    /** Validates the revisions and builds the graph; throws a StrataException naming the first problem. */
    public static RevisionGraph of(Collection<Revision> revisions) {
        return new RevisionGraph(new GraphIndex(revisions));
    }

    public List<Revision> all() {
        return index.order;
    }

    public Optional<Revision> find(RevisionId id) {
        return Optional.ofNullable(index.byId.get(id));
    }

    public Revision get(RevisionId id) {
        Revision r = index.byId.get(id);
        if (r == null) {
            throw new StrataException(ErrorCode.UNKNOWN_REVISION, "no revision '" + id + "': see `strata history`");
        }
        return r;
    }

    /** Revisions no other revision names as parent, sorted. */
    public List<RevisionId> heads() {
        return index.byId.keySet().stream().filter(id -> index.children.get(id).isEmpty()).sorted().toList();
    }

    /** Revisions without parents, sorted. */
    public List<RevisionId> bases() {
        return index.byId.values().stream().filter(Revision::isRoot).map(Revision::id).sorted().toList();
    }

    /** Revisions that two or more revisions name as parent, sorted. */
    public List<RevisionId> branchPoints() {
        return index.byId.keySet().stream().filter(id -> index.children.get(id).size() > 1).sorted().toList();
    }

    /** Revisions naming {@code id} as a parent, sorted. */
    public List<RevisionId> children(RevisionId id) {
        get(id);
        return index.children.get(id);
    }

    /** Branch labels of a revision, including those it inherits along its branch (as Alembic shows them). */
    public Set<String> branchLabels(RevisionId id) {
        get(id);
        return index.labels.get(id);
    }

    /** Everything {@code id} requires, transitively, over parents and depends-on; without {@code id}. */
    public Set<RevisionId> ancestors(RevisionId id) {
        get(id);
        return Collections.unmodifiableSet(closure(Set.of(id), index.requires::get, false));
    }

    /** Everything that requires {@code id}, transitively, over parents and depends-on; without {@code id}. */
    public Set<RevisionId> descendants(RevisionId id) {
        get(id);
        return Collections.unmodifiableSet(closure(Set.of(id), index.requiredBy::get, false));
    }

    /** The revisions applied when the version table holds {@code heads}: the heads and all they require. */
    public Set<RevisionId> applied(Set<RevisionId> heads) {
        for (RevisionId h : heads) {
            if (!index.byId.containsKey(h)) {
                throw new StrataException(ErrorCode.APPLIED_REVISION_MISSING, "the version table holds '" + h
                        + "', which no revision file defines: restore the file or reset the table with `strata stamp --purge TARGET`");
            }
        }
        return Collections.unmodifiableSet(closure(heads, index.requires::get, true));
    }

    /**
     * Resolves a full id, a branch label (meaning the revision that declares it, as in Alembic) or a
     * unique prefix of an id. Errors: UNKNOWN_REVISION, AMBIGUOUS_REVISION listing the candidates.
     */
    public Revision resolve(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (RevisionId.isValid(text)) {
            RevisionId id = RevisionId.of(text);
            if (index.byId.containsKey(id)) {
                return index.byId.get(id);
            }
            RevisionId owner = index.labelOwner.get(text);
            if (owner != null) {
                return index.byId.get(owner);
            }
            List<RevisionId> matches = index.byId.keySet().stream()
                    .filter(k -> k.value().startsWith(text)).sorted().toList();
            if (matches.size() == 1) {
                return index.byId.get(matches.get(0));
            }
            if (matches.size() > 1) {
                throw new StrataException(ErrorCode.AMBIGUOUS_REVISION, "revision prefix '" + text
                        + "' matches several revisions (" + join(matches) + "): give more characters");
            }
        }
        throw new StrataException(ErrorCode.UNKNOWN_REVISION, "no revision or branch label '" + text
                + "': see `strata history` and `strata branches`");
    }

    /** The steps that upgrade from {@code currentHeads} to {@code target}; empty when there is nothing to do. */
    public List<Step> upgradeSteps(Set<RevisionId> currentHeads, String target) {
        LastUpgrade last = lastUpgrade;
        if (last != null && last.target().equals(target) && last.from().equals(currentHeads)) {
            return last.steps();
        }
        List<Step> steps = List.copyOf(new StepPlanner(this).upgrade(currentHeads, target));
        lastUpgrade = new LastUpgrade(Set.copyOf(currentHeads), target, steps);
        return steps;
    }

    /**
     * The steps that downgrade from {@code currentHeads} to {@code target}; empty when there is nothing to do.
     * Refuses, naming them, when it would also revert revisions of other branches that depend on a reverted one
     * ({@code depends-on}); see {@link #downgradeSteps(Set, String, boolean)}.
     */
    public List<Step> downgradeSteps(Set<RevisionId> currentHeads, String target) {
        return downgradeSteps(currentHeads, target, false);
    }

    /**
     * As {@link #downgradeSteps(Set, String)}; with {@code cascade}, the dependents on other branches are reverted
     * too (first), as Alembic does without asking.
     */
    public List<Step> downgradeSteps(Set<RevisionId> currentHeads, String target, boolean cascade) {
        return new StepPlanner(this).downgrade(currentHeads, target, cascade);
    }

    /** The single step that reverts {@code id}, which must be one of {@code currentHeads}, leaving every other head. */
    public List<Step> revertSteps(Set<RevisionId> currentHeads, RevisionId id) {
        return new StepPlanner(this).revert(currentHeads, id);
    }

    /** The version table after {@code stamp target} (sorted); with {@code purge} the current heads are ignored. */
    public Set<RevisionId> stampHeads(Set<RevisionId> currentHeads, String target, boolean purge) {
        return stampHeads(currentHeads, List.of(target), purge);
    }

    /**
     * The version table after {@code stamp T1 T2 ...}, as Alembic's stamp with several revisions: each target
     * replaces the current heads on its own branch; of targets on one branch (one an ancestor of another) the
     * highest counts. {@code base} and {@code LABEL@base} must be given alone.
     */
    public Set<RevisionId> stampHeads(Set<RevisionId> currentHeads, List<String> targets, boolean purge) {
        return new StepPlanner(this).stamp(purge ? Set.of() : currentHeads, targets);
    }

    /** {@link #range(String, Set)} without a database: {@code current} is refused. */
    public List<Revision> range(String range) {
        return range(range, null);
    }

    /**
     * The revisions in a history range {@code LOWER:UPPER}, newest first. Either side may be empty (base /
     * heads), a target, or {@code current} (needs {@code currentHeads}); LOWER may be {@code -N}, meaning N
     * revisions below UPPER. Both ends are included.
     */
    public List<Revision> range(String range, Set<RevisionId> currentHeads) {
        return new HistoryRange(this, currentHeads).select(range);
    }

    // ---- package-private helpers for the planner and the range ----

    GraphIndex index() {
        return index;
    }

    /** Heads of an applied set: members no other member requires, sorted. */
    Set<RevisionId> headsOf(Set<RevisionId> applied) {
        Set<RevisionId> out = new TreeSet<>();
        for (RevisionId id : applied) {
            if (index.requiredBy.get(id).stream().noneMatch(applied::contains)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Sorted by position in {@link #all()}; {@code newestFirst} reverses it. */
    List<RevisionId> ordered(Collection<RevisionId> ids, boolean newestFirst) {
        return ids.stream().sorted((a, b) -> newestFirst
                ? Integer.compare(position.get(b), position.get(a))
                : Integer.compare(position.get(a), position.get(b))).toList();
    }

    Set<RevisionId> closure(Collection<RevisionId> start, Function<RevisionId, List<RevisionId>> next,
                            boolean includeStart) {
        Set<RevisionId> seen = new TreeSet<>();
        Deque<RevisionId> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            for (RevisionId n : next.apply(todo.pop())) {
                if (seen.add(n)) {
                    todo.push(n);
                }
            }
        }
        if (includeStart) {
            seen.addAll(start);
        }
        return seen;
    }

    /** Whether {@code id} is the declaring revision of {@code label}, one of its ancestors or descendants over parents. */
    boolean inLineage(RevisionId id, String label) {
        RevisionId owner = labelOwner(label);
        return id.equals(owner) || parentClosure(owner, true).contains(id) || parentClosure(owner, false).contains(id);
    }

    /**
     * A branch label as written in a target: the label itself, a revision id (Strata lets an id stand for the
     * branch it is on), or a unique prefix of a label, as Alembic accepts; the full label is returned.
     */
    String label(String given) {
        if (index.labelOwner.containsKey(given)
                || (RevisionId.isValid(given) && index.byId.containsKey(RevisionId.of(given)))) {
            return given;
        }
        List<String> matches = index.labelOwner.keySet().stream().filter(l -> l.startsWith(given)).sorted().toList();
        if (matches.size() > 1) {
            throw new StrataException(ErrorCode.AMBIGUOUS_REVISION, "branch label prefix '" + given
                    + "' matches several labels (" + String.join(", ", matches) + "): give more characters");
        }
        return matches.isEmpty() ? given : matches.get(0);
    }

    RevisionId labelOwner(String given) {
        String label = label(given);
        RevisionId owner = index.labelOwner.get(label);
        if (owner == null) {
            if (RevisionId.isValid(label) && index.byId.containsKey(RevisionId.of(label))) {
                return RevisionId.of(label);
            }
            throw new StrataException(ErrorCode.UNKNOWN_REVISION, "no branch label '" + label
                    + "': see `strata branches`");
        }
        return owner;
    }

    private Set<RevisionId> parentClosure(RevisionId id, boolean down) {
        return closure(Set.of(id), down ? k -> index.byId.get(k).parents() : index.children::get, false);
    }

    static String join(Collection<RevisionId> ids) {
        return ids.stream().map(RevisionId::value).collect(Collectors.joining(", "));
    }
}
