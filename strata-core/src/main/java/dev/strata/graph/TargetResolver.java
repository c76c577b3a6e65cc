package dev.strata.graph;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@link RevisionSpec} into revisions of one graph: labels select a lineage (the revision declaring
 * the label with its ancestors and descendants over parents), walks follow parent edges only and stop with
 * an error at a fork, a merge or the end of the graph, as Alembic's do.
 */
final class TargetResolver {
    private final RevisionGraph graph;

    TargetResolver(RevisionGraph graph) {
        this.graph = graph;
    }

    /** The target revisions of an absolute spec (not +N/-N from the current heads); empty means base. */
    Set<RevisionId> absolute(RevisionSpec spec, String text) {
        if (spec instanceof RevisionSpec.Heads h) {
            return headsIn(h.label());
        }
        if (spec instanceof RevisionSpec.Relative r && r.from() == null) {
            throw new IllegalStateException("relative to current heads: " + text);
        }
        return single(spec, text).map(Set::of).orElse(Set.of());
    }

    /** The one revision a spec names, empty for base; {@code heads} is refused. */
    Optional<RevisionId> single(RevisionSpec spec, String text) {
        if (spec instanceof RevisionSpec.Head h) {
            return Optional.ofNullable(singleHead(h.label(), text));
        }
        if (spec instanceof RevisionSpec.Base) {
            return Optional.empty();
        }
        if (spec instanceof RevisionSpec.Ref r) {
            return Optional.of(ref(r.label(), r.ref(), text));
        }
        if (spec instanceof RevisionSpec.Relative r && r.from() != null) {
            RevisionId start = start(r.label(), r.from(), text);
            if (r.steps() > 0) {
                return Optional.of(walkUp(start, r.steps(), r.label(), text));
            }
            if (start == null) {
                throw pastEnd(text, "base");
            }
            return below(walkDown(start, -r.steps(), text), text);
        }
        if (spec instanceof RevisionSpec.Heads) {
            throw new StrataException(ErrorCode.TARGET_INVALID, "target '" + text
                    + "' names several revisions here: name one revision");
        }
        throw new IllegalStateException("unexpected spec " + spec);
    }

    private RevisionId start(String label, String from, String text) {
        // heads-N is head-N when there is one head (Alembic 1.8 takes both); with several it is ambiguous
        if (from.equals("head") || from.equals("heads")) {
            return singleHead(label, text);
        }
        if (from.equals("base")) {
            return null;
        }
        return ref(label, from, text);
    }

    /** Heads of the graph, restricted to the lineage of {@code label} when given; sorted. */
    Set<RevisionId> headsIn(String label) {
        Set<RevisionId> out = new TreeSet<>();
        for (RevisionId h : graph.heads()) {
            if (label == null || graph.inLineage(h, label)) {
                out.add(h);
            }
        }
        return out;
    }

    RevisionId singleHead(String label, String text) {
        Set<RevisionId> heads = headsIn(label);
        if (heads.size() > 1) {
            throw new StrataException(ErrorCode.MULTIPLE_HEADS, "target '" + text + "' is ambiguous: there are "
                    + heads.size() + " heads (" + RevisionGraph.join(heads) + "): name one, use LABEL@head, or use heads");
        }
        return heads.isEmpty() ? null : heads.iterator().next();
    }

    RevisionId ref(String label, String ref, String text) {
        RevisionId id = graph.resolve(ref).id();
        if (label != null && !graph.inLineage(id, label)) {
            throw new StrataException(ErrorCode.TARGET_INVALID, "target '" + text + "': revision " + id
                    + " is not on branch '" + label + "'");
        }
        return id;
    }

    /** Walks {@code steps} children up from {@code start} (null: from base). */
    RevisionId walkUp(RevisionId start, int steps, String label, String text) {
        RevisionId at = start;
        for (int i = 0; i < steps; i++) {
            List<RevisionId> next = new ArrayList<>(at == null ? graph.bases() : graph.children(at));
            if (label != null) {
                next.removeIf(n -> !graph.inLineage(n, label));
            }
            if (next.isEmpty()) {
                throw pastEnd(text, "the heads");
            }
            if (next.size() > 1) {
                throw new StrataException(ErrorCode.AMBIGUOUS_REVISION, "target '" + text + "' is ambiguous: "
                        + (at == null ? "there are several bases" : at + " has several children") + " ("
                        + RevisionGraph.join(next) + "): name the revision or its branch");
            }
            at = next.get(0);
        }
        return at;
    }

    /**
     * Walks down from {@code start}: returns the {@code steps} revisions walked over, {@code start} first.
     * The destination is the parent of the last one, or base; see {@link #below}.
     */
    List<RevisionId> walkDown(RevisionId start, int steps, String text) {
        List<RevisionId> path = new ArrayList<>(List.of(start));
        while (path.size() < steps) {
            Revision at = graph.get(path.get(path.size() - 1));
            if (at.parents().isEmpty()) {
                throw pastEnd(text, "base");
            }
            if (at.isMerge()) {
                throw mergeWalk(text, path, at);
            }
            path.add(at.parents().get(0));
        }
        return path;
    }

    /** The destination of a downward walk: the parent of the last revision left behind, empty for base. */
    Optional<RevisionId> below(List<RevisionId> path, String text) {
        Revision last = graph.get(path.get(path.size() - 1));
        if (last.isMerge()) {
            throw mergeWalk(text, path, last);
        }
        List<RevisionId> parents = last.parents();
        return parents.isEmpty() ? Optional.empty() : Optional.of(parents.get(0));
    }

    /**
     * The error for a walk down that would have to choose a parent of {@code merge}: names every path it could
     * take, and says when the merge is redundant (one parent is already an ancestor of another).
     */
    private StrataException mergeWalk(String text, List<RevisionId> path, Revision merge) {
        String walked = String.join(" -> ", path.stream().map(RevisionId::value).toList());
        List<String> paths = new ArrayList<>();
        for (RevisionId p : merge.parents()) {
            paths.add(walked + " -> " + p);
        }
        String redundant = "";
        for (RevisionId p : merge.parents()) {
            for (RevisionId q : merge.parents()) {
                if (!p.equals(q) && graph.ancestors(q).contains(p)) {
                    redundant = " (a redundant merge: " + p + " is already an ancestor of " + q + ")";
                }
            }
        }
        return new StrataException(ErrorCode.AMBIGUOUS_REVISION, "target '" + text + "' is ambiguous: walking down it"
                + " reaches merge " + merge.id() + redundant + " and could go on along " + merge.parents().size()
                + " paths: " + String.join("; ", paths) + "; name the revision to go to, e.g. "
                + merge.parents().get(0));
    }

    private static StrataException pastEnd(String text, String end) {
        return new StrataException(ErrorCode.TARGET_NOT_REACHABLE, "target '" + text + "' walks past " + end
                + ": use fewer steps");
    }
}
