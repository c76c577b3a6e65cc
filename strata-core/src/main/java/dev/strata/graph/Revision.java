package dev.strata.graph;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A node of the revision graph: what the graph needs to know about one revision.
 *
 * @param id           the revision id
 * @param parents      the revisions this one revises, in declaration order; empty for a root; two or more for a merge
 * @param dependsOn    revisions that must be applied before this one, without being its parents
 * @param branchLabels labels that name the branch this revision starts or belongs to
 * @param message      one-line description
 * @param source       where it came from, for messages (a file path as the user gave it, or a class name)
 */
public record Revision(RevisionId id, List<RevisionId> parents, List<RevisionId> dependsOn,
                       Set<String> branchLabels, String message, String source) {
    public Revision {
        Objects.requireNonNull(id, "id");
        parents = List.copyOf(parents);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = Set.copyOf(branchLabels);
        message = message == null ? "" : message;
        source = source == null ? id.value() : source;
    }

    /** Convenience for tests: a revision with the given parents and nothing else. */
    public static Revision of(String id, String... parents) {
        return new Revision(RevisionId.of(id), java.util.Arrays.stream(parents).map(RevisionId::of).toList(),
                List.of(), Set.of(), "", null);
    }

    public boolean isRoot() {
        return parents.isEmpty();
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }
}
