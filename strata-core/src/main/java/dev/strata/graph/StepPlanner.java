package dev.strata.graph;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans upgrade, downgrade and stamp over one graph. The state is always the set of heads in the version
 * table; each step records the exact heads it removes and adds, so that replaying the steps from the
 * starting heads ends at {@code headsOf(applied)} for the final applied set.
 */
final class StepPlanner {
    private final RevisionGraph graph;
    private final GraphIndex index;
    private final TargetResolver resolver;

    StepPlanner(RevisionGraph graph) {
        this.graph = graph;
        this.index = graph.index();
        this.resolver = new TargetResolver(graph);
    }

    List<Step> upgrade(Set<RevisionId> current, String text) {
        Set<RevisionId> heads = checkedHeads(current);
        Set<RevisionId> applied = graph.applied(heads);
        RevisionSpec spec = RevisionSpec.parse(text);
        Set<RevisionId> targets;
        if (spec instanceof RevisionSpec.Relative r && r.from() == null) {
            if (r.steps() < 0) {
                throw new StrataException(ErrorCode.TARGET_INVALID, "upgrade target '" + text
                        + "' goes down: use `strata downgrade " + text + "`");
            }
            targets = Set.of(resolver.walkUp(relativeStart(heads, applied, r.label(), text), r.steps(), r.label(), text));
        } else if (spec instanceof RevisionSpec.Base b) {
            targets = Set.of();
            if (!(b.label() == null ? applied : carrying(applied, b.label())).isEmpty()) {
                throw new StrataException(ErrorCode.TARGET_NOT_REACHABLE, "cannot upgrade to '" + text
                        + "': revisions are already applied (heads " + RevisionGraph.join(heads)
                        + "): use `strata downgrade " + text + "`");
            }
        } else {
            targets = resolver.absolute(spec, text);
        }
        for (RevisionId t : targets) {
            if (applied.contains(t) && !heads.contains(t)) {
                throw new StrataException(ErrorCode.TARGET_NOT_REACHABLE, "cannot upgrade to " + t + " ('" + text
                        + "'): it is already applied, below the current heads (" + RevisionGraph.join(heads)
                        + "): use `strata downgrade " + t + "`");
            }
        }
        Set<RevisionId> needs = graph.closure(targets, index.requires::get, true);
        needs.removeAll(applied);
        List<Step> steps = new ArrayList<>();
        Set<RevisionId> now = new TreeSet<>(heads);
        for (RevisionId id : graph.ordered(needs, false)) {
            List<RevisionId> removed = index.requires.get(id).stream().filter(now::contains).sorted().toList();
            now.removeAll(removed);
            now.add(id);
            steps.add(new Step(index.byId.get(id), Direction.UP, removed, List.of(id)));
        }
        return steps;
    }

    /** Where {@code +N} starts: the single current head (of the branch), or base when nothing is applied. */
    private RevisionId relativeStart(Set<RevisionId> heads, Set<RevisionId> applied, String label, String text) {
        Set<RevisionId> starts = label == null ? heads : graph.headsOf(inLineage(applied, label));
        if (starts.size() > 1) {
            throw severalHeads(text, starts, "one, e.g. " + starts.iterator().next() + text.replaceFirst("^.*@", ""));
        }
        return starts.isEmpty() ? null : starts.iterator().next();
    }

    List<Step> downgrade(Set<RevisionId> current, String text, boolean cascade) {
        Set<RevisionId> heads = checkedHeads(current);
        Set<RevisionId> applied = graph.applied(heads);
        RevisionSpec spec = RevisionSpec.parse(text);
        Collection<RevisionId> roots;
        if (spec instanceof RevisionSpec.Relative r && r.from() == null) {
            if (r.steps() > 0) {
                throw new StrataException(ErrorCode.TARGET_INVALID, "downgrade target '" + text
                        + "' goes up: use `strata upgrade " + text + "`");
            }
            Set<RevisionId> starts = r.label() == null ? heads : graph.headsOf(inLineage(applied, r.label()));
            if (starts.isEmpty()) {
                throw new StrataException(ErrorCode.TARGET_NOT_REACHABLE, "cannot downgrade '" + text
                        + "': nothing is applied" + (r.label() == null ? "" : " on branch '" + r.label() + "'"));
            }
            if (starts.size() > 1) {
                throw severalHeads(text, starts, "the revision to go down to");
            }
            List<RevisionId> path = resolver.walkDown(starts.iterator().next(), -r.steps(), text);
            roots = List.of(path.get(path.size() - 1));
        } else if (spec instanceof RevisionSpec.Base b) {
            roots = b.label() == null ? applied : carrying(applied, b.label());
        } else {
            Optional<RevisionId> target = resolver.single(spec, text);
            if (target.isEmpty()) {
                roots = applied;
            } else {
                RevisionId t = target.get();
                if (!applied.contains(t)) {
                    throw new StrataException(ErrorCode.TARGET_NOT_REACHABLE, "cannot downgrade to " + t + " ('"
                            + text + "'): it is not applied (heads " + (heads.isEmpty() ? "none" : RevisionGraph.join(heads))
                            + "): use `strata upgrade " + t + "`");
                }
                roots = rootsAbove(t, spec.label(), text);
            }
        }
        Set<RevisionId> drop = graph.closure(roots, index.requiredBy::get, true);
        drop.retainAll(applied);
        if (!cascade && !(spec instanceof RevisionSpec.Base b && b.label() == null)) {
            refuseOtherBranches(text, roots, drop);
        }
        return stepsDown(applied, drop);
    }

    /**
     * The one step that reverts {@code id}, a current head: what the stairway test does after upgrading it,
     * whatever other branches are applied beside it.
     */
    List<Step> revert(Set<RevisionId> current, RevisionId id) {
        Set<RevisionId> heads = checkedHeads(current);
        if (!heads.contains(id)) {
            throw new StrataException(ErrorCode.TARGET_NOT_REACHABLE, "cannot revert " + id + " alone: it is not"
                    + " one of the current heads (" + (heads.isEmpty() ? "none" : RevisionGraph.join(heads)) + ")");
        }
        return stepsDown(graph.applied(heads), Set.of(id));
    }

    private List<Step> stepsDown(Set<RevisionId> applied, Set<RevisionId> drop) {
        List<Step> steps = new ArrayList<>();
        Set<RevisionId> still = new TreeSet<>(applied);
        for (RevisionId id : graph.ordered(drop, true)) {
            still.remove(id);
            List<RevisionId> added = index.requires.get(id).stream()
                    .filter(p -> still.contains(p) && index.requiredBy.get(p).stream().noneMatch(still::contains))
                    .sorted().toList();
            steps.add(new Step(index.byId.get(id), Direction.DOWN, List.of(id), added));
        }
        return steps;
    }

    /**
     * Reverting {@code roots} and what is above them along parent links is what the target asks for; a revision
     * that is reverted only because it depends on one of them (depends-on, from another branch) is named, and
     * the downgrade refused unless --cascade.
     */
    private void refuseOtherBranches(String text, Collection<RevisionId> roots, Set<RevisionId> drop) {
        Set<RevisionId> lineage = graph.closure(roots, graph::children, true);
        Set<RevisionId> others = new TreeSet<>(drop);
        others.removeAll(lineage);
        if (others.isEmpty()) {
            return;
        }
        List<String> named = new ArrayList<>();
        for (RevisionId o : others) {
            Revision r = index.byId.get(o);
            List<RevisionId> on = index.requires.get(o).stream().filter(drop::contains).sorted().toList();
            named.add(o + (r.branchLabels().isEmpty() ? "" : " (branch " + String.join(", ", new TreeSet<>(r.branchLabels()))
                    + ")") + " depends on " + RevisionGraph.join(on));
        }
        throw new StrataException(ErrorCode.TARGET_NOT_REACHABLE, "downgrade " + text + " would also revert "
                + others.size() + " revision(s) of other branches that depend on what it reverts: "
                + String.join("; ", named) + "; nothing was changed: downgrade those first, or add --cascade to"
                + " revert them too");
    }

    /** The children of {@code t} to revert; with a label and several children, those on the branch. */
    private List<RevisionId> rootsAbove(RevisionId t, String label, String text) {
        List<RevisionId> roots = graph.children(t);
        if (label != null && roots.size() > 1) {
            roots = roots.stream().filter(c -> graph.inLineage(c, label)).toList();
            if (roots.isEmpty()) {
                throw new StrataException(ErrorCode.TARGET_INVALID, "downgrade target '" + text
                        + "': no branch '" + label + "' above " + t);
            }
        }
        return roots;
    }

    Set<RevisionId> stamp(Set<RevisionId> current, List<String> texts) {
        if (texts.isEmpty()) {
            throw new StrataException(ErrorCode.TARGET_INVALID, "stamp needs a target: a revision, head, heads or base");
        }
        Set<RevisionId> heads = checkedHeads(current);
        Set<RevisionId> targets = new TreeSet<>();
        for (String text : texts) {
            RevisionSpec spec = RevisionSpec.parse(text);
            if (spec instanceof RevisionSpec.Relative r && r.from() == null) {
                throw new StrataException(ErrorCode.TARGET_INVALID, "stamp target '" + text
                        + "' is relative to the current heads: name the revision, e.g. ID" + text);
            }
            if (spec instanceof RevisionSpec.Base b) {
                if (texts.size() > 1) {
                    throw new StrataException(ErrorCode.TARGET_INVALID, "stamp target '" + text + "' cannot be combined"
                            + " with other targets (" + String.join(" ", texts) + "): stamp it on its own");
                }
                if (b.label() == null) {
                    return Collections.emptySortedSet();
                }
                Set<RevisionId> applied = new TreeSet<>(graph.applied(heads));
                applied.removeAll(graph.closure(carrying(applied, b.label()), index.requiredBy::get, true));
                return Collections.unmodifiableSet(graph.headsOf(applied));
            }
            targets.addAll(resolver.absolute(spec, text));
        }
        // of targets on one branch the highest counts (Alembic: `stamp a1 a2` and `stamp a2 a1` both give a2)
        Set<RevisionId> below = graph.closure(targets, index.requires::get, false);
        Set<RevisionId> result = new TreeSet<>(heads);
        for (RevisionId t : targets) {
            if (below.contains(t)) {
                continue;
            }
            Set<RevisionId> related = graph.closure(Set.of(t), index.requires::get, false);
            related.addAll(graph.closure(Set.of(t), index.requiredBy::get, false));
            result.removeIf(related::contains);
            result.add(t);
        }
        return Collections.unmodifiableSet(result);
    }

    /** The heads as given, after checking they exist and none requires another. */
    private Set<RevisionId> checkedHeads(Set<RevisionId> current) {
        Set<RevisionId> heads = new TreeSet<>(current);
        Set<RevisionId> proper = graph.headsOf(graph.applied(heads));
        if (!proper.equals(heads)) {
            heads.removeAll(proper);
            throw new StrataException(ErrorCode.STATE_INVALID, "the version table holds " + RevisionGraph.join(heads)
                    + " together with revisions that require it (" + RevisionGraph.join(proper)
                    + "): fix the table with `strata stamp --purge TARGET`");
        }
        return heads;
    }

    private Set<RevisionId> carrying(Set<RevisionId> ids, String given) {
        graph.labelOwner(given);
        String label = graph.label(given);
        Set<RevisionId> out = new TreeSet<>(ids);
        out.removeIf(id -> !index.labels.get(id).contains(label));
        return out;
    }

    private Set<RevisionId> inLineage(Set<RevisionId> ids, String label) {
        Set<RevisionId> out = new TreeSet<>(ids);
        out.removeIf(id -> !graph.inLineage(id, label));
        return out;
    }

    private static StrataException severalHeads(String text, Set<RevisionId> heads, String instead) {
        return new StrataException(ErrorCode.MULTIPLE_HEADS, "target '" + text + "' is ambiguous: the version table"
                + " holds several heads (" + RevisionGraph.join(heads) + "): name " + instead
                + ", or a branch as LABEL@" + text.replaceFirst("^.*@", ""));
    }
}
