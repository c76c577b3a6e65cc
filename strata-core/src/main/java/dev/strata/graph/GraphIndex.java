package dev.strata.graph;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds and validates the lookup tables behind {@link RevisionGraph}: it refuses duplicate ids, reserved
 * ids, unknown parents or depends-on, cycles and clashing branch labels, each with one line naming the
 * revisions and their sources. Everything it returns is unmodifiable.
 */
final class GraphIndex {
    static final Set<String> RESERVED = Set.of("head", "heads", "base", "current");

    final Map<RevisionId, Revision> byId;
    /** parents followed by resolved depends-on, without repeats */
    final Map<RevisionId, List<RevisionId>> requires;
    /** children over parent edges only, sorted */
    final Map<RevisionId, List<RevisionId>> children;
    /** revisions that require this one (children and dependents), sorted */
    final Map<RevisionId, List<RevisionId>> requiredBy;
    /** the revision that declares each label */
    final Map<String, RevisionId> labelOwner;
    /** labels after propagation along the branch, as Alembic does */
    final Map<RevisionId, Set<String>> labels;
    final List<Revision> order;

    GraphIndex(Collection<Revision> revisions) {
        byId = indexById(revisions);
        labelOwner = indexLabels();
        requires = resolveRequires();
        children = invert(false);
        requiredBy = invert(true);
        order = topologicalOrder();
        labels = propagateLabels();
    }

    private static Map<RevisionId, Revision> indexById(Collection<Revision> revisions) {
        // sorted by id once, then kept in that order (a tree map compares ids on every lookup)
        List<Revision> sorted = new ArrayList<>(revisions);
        sorted.sort(java.util.Comparator.comparing(Revision::id));
        Map<RevisionId, Revision> map = new java.util.LinkedHashMap<>(sorted.size() * 2);
        for (Revision r : sorted) {
            Revision previous = map.put(r.id(), r);
            if (previous != null) {
                throw new StrataException(ErrorCode.DUPLICATE_REVISION, "revision id '" + r.id()
                        + "' is defined twice, in " + previous.source() + " and in " + r.source()
                        + ": give one of them a new id");
            }
            if (RESERVED.contains(r.id().value())) {
                throw new StrataException(ErrorCode.REVISION_ID_INVALID, "revision id '" + r.id() + "' in "
                        + r.source() + " is a reserved word (head, heads, base, current): choose another id");
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private Map<String, RevisionId> indexLabels() {
        Map<String, RevisionId> owner = new TreeMap<>();
        for (Revision r : byId.values()) {
            for (String label : new TreeSet<>(r.branchLabels())) {
                if (!RevisionId.isValid(label) || RESERVED.contains(label)) {
                    throw new StrataException(ErrorCode.BRANCH_LABEL_CLASH, "branch label '" + label
                            + "' of revision " + r.id() + " (" + r.source() + ") is not usable: use letters,"
                            + " digits, '_' and '.', and none of head, heads, base, current");
                }
                if (byId.containsKey(RevisionId.of(label))) {
                    throw new StrataException(ErrorCode.BRANCH_LABEL_CLASH, "branch label '" + label
                            + "' of revision " + r.id() + " (" + r.source() + ") equals a revision id ("
                            + byId.get(RevisionId.of(label)).source() + "): rename the label");
                }
                RevisionId previous = owner.put(label, r.id());
                if (previous != null) {
                    throw new StrataException(ErrorCode.BRANCH_LABEL_CLASH, "branch label '" + label
                            + "' is declared by both " + previous + " (" + byId.get(previous).source() + ") and "
                            + r.id() + " (" + r.source() + "): keep it on one revision");
                }
            }
        }
        return owner;
    }

    private Map<RevisionId, List<RevisionId>> resolveRequires() {
        Map<RevisionId, List<RevisionId>> map = new HashMap<>();
        for (Revision r : byId.values()) {
            Set<RevisionId> needs = new LinkedHashSet<>();
            for (RevisionId p : r.parents()) {
                if (!byId.containsKey(p)) {
                    throw new StrataException(ErrorCode.UNKNOWN_PARENT, "revision " + r.id() + " (" + r.source()
                            + ") names parent '" + p + "', which no revision defines: fix its parents");
                }
                needs.add(p);
            }
            for (RevisionId d : r.dependsOn()) {
                RevisionId target = byId.containsKey(d) ? d : labelOwner.get(d.value());
                if (target == null) {
                    throw new StrataException(ErrorCode.UNKNOWN_PARENT, "revision " + r.id() + " (" + r.source()
                            + ") depends on '" + d + "', which is neither a revision nor a branch label:"
                            + " fix its depends-on");
                }
                needs.add(target);
            }
            map.put(r.id(), List.copyOf(needs));
        }
        // not Map.copyOf: its open addressing makes long probe runs of ids that hash to neighbouring values (r0001...)
        return Collections.unmodifiableMap(map);
    }

    private Map<RevisionId, List<RevisionId>> invert(boolean withDependencies) {
        // byId is in id order, so each list is built sorted (a revision requires another at most once)
        Map<RevisionId, List<RevisionId>> lists = new HashMap<>(byId.size() * 2);
        for (Revision r : byId.values()) {
            for (RevisionId p : withDependencies ? requires.get(r.id()) : r.parents()) {
                lists.computeIfAbsent(p, k -> new ArrayList<>(1)).add(r.id());
            }
        }
        Map<RevisionId, List<RevisionId>> map = new HashMap<>(byId.size() * 2);
        for (RevisionId id : byId.keySet()) {
            List<RevisionId> l = lists.get(id);
            map.put(id, l == null ? List.of() : Collections.unmodifiableList(l));
        }
        return Collections.unmodifiableMap(map);
    }

    private List<Revision> topologicalOrder() {
        Map<RevisionId, Integer> waiting = new HashMap<>();
        PriorityQueue<RevisionId> ready = new PriorityQueue<>();
        for (RevisionId id : byId.keySet()) {
            waiting.put(id, requires.get(id).size());
            if (requires.get(id).isEmpty()) {
                ready.add(id);
            }
        }
        List<Revision> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            RevisionId id = ready.poll();
            out.add(byId.get(id));
            for (RevisionId next : requiredBy.get(id)) {
                if (waiting.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (out.size() < byId.size()) {
            throw cycleError(waiting);
        }
        return List.copyOf(out);
    }

    /** Follows unfinished revisions' requirements until one repeats: that loop is the cycle to report. */
    private StrataException cycleError(Map<RevisionId, Integer> waiting) {
        RevisionId start = waiting.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .sorted().findFirst().orElseThrow();
        List<RevisionId> path = new ArrayList<>();
        Set<RevisionId> seen = new HashSet<>();
        RevisionId at = start;
        while (seen.add(at)) {
            path.add(at);
            at = requires.get(at).stream().filter(p -> waiting.get(p) > 0).sorted().findFirst().orElseThrow();
        }
        List<RevisionId> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        StringBuilder names = new StringBuilder();
        StringBuilder sources = new StringBuilder();
        for (RevisionId id : loop) {
            names.append(id).append(" -> ");
            sources.append(sources.length() == 0 ? "" : ", ").append(byId.get(id).source());
        }
        names.append(at);
        return new StrataException(ErrorCode.CYCLE, "revisions form a cycle through their parents or depends-on: "
                + names + " (" + sources + "): break the loop in one of these files");
    }

    /**
     * A label names its revision, every descendant of it (over parent edges), and the chain of single
     * parents below it down to, but not including, the nearest branch point or merge.
     */
    private Map<RevisionId, Set<String>> propagateLabels() {
        Map<RevisionId, Set<String>> map = new HashMap<>(byId.size() * 2);
        if (labelOwner.isEmpty()) {
            byId.keySet().forEach(id -> map.put(id, Set.of()));
            return Collections.unmodifiableMap(map);
        }
        byId.keySet().forEach(id -> map.put(id, new TreeSet<>()));
        labelOwner.forEach((label, owner) -> {
            ArrayList<RevisionId> todo = new ArrayList<>(List.of(owner));
            while (!todo.isEmpty()) {
                RevisionId id = todo.remove(todo.size() - 1);
                if (map.get(id).add(label)) {
                    todo.addAll(children.get(id));
                }
            }
            Revision below = byId.get(owner);
            while (below.parents().size() == 1) {
                below = byId.get(below.parents().get(0));
                if (children.get(below.id()).size() > 1 || below.isMerge()) {
                    break;
                }
                map.get(below.id()).add(label);
            }
        });
        Map<RevisionId, Set<String>> frozen = new HashMap<>();
        map.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
        return Collections.unmodifiableMap(frozen);
    }
}
