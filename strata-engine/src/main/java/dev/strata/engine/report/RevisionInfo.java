package dev.strata.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.graph.RevisionId;
import dev.strata.run.MigrationSet;
import dev.strata.script.MigrationScript;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One revision of the project with its header fields, as heads, branches, history and show list it.
 *
 * @param revision      its id
 * @param parents       the revisions it revises
 * @param dependsOn     the revisions it depends on without revising them
 * @param branchLabels  its branch labels, sorted
 * @param message       its message
 * @param file          where it was loaded from
 * @param isHead        whether no revision revises it
 * @param isMerge       whether it revises two or more revisions
 * @param isBranchPoint whether two or more revisions revise it
 * @param isCurrent     whether the database is at it, or null when the database was not asked (then left out)
 * @param transactional whether it runs in one transaction
 * @param irreversible  why it cannot be downgraded, or null
 * @param destructive   why it loses data, or null
 * @param checksum      hex SHA-256 of its content
 */
public record RevisionInfo(String revision, List<String> parents, List<String> dependsOn,
                           SortedSet<String> branchLabels, String message, String file,
                           @JsonProperty("is_head") boolean isHead, @JsonProperty("is_merge") boolean isMerge,
                           @JsonProperty("is_branch_point") boolean isBranchPoint,
                           @JsonProperty("is_current") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean isCurrent,
                           boolean transactional, String irreversible, String destructive, String checksum) {
    public RevisionInfo {
        parents = List.copyOf(parents);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = new TreeSet<>(branchLabels);
    }

    /** Revision {@code r} of {@code set}; {@code current} is the database's revisions, or null when not asked. */
    public static RevisionInfo of(MigrationSet set, Revision r, Set<RevisionId> current) {
        MigrationScript s = set.script(r.id());
        RevisionGraph g = set.graph();
        return new RevisionInfo(r.id().value(), ids(r.parents()), ids(r.dependsOn()), new TreeSet<>(r.branchLabels()),
                r.message(), s.location(), g.heads().contains(r.id()), r.isMerge(), g.branchPoints().contains(r.id()),
                current == null ? null : current.contains(r.id()), s.transactional(),
                s.irreversibleReason().orElse(null), s.destructiveReason().orElse(null), s.checksum().hex());
    }

    static List<String> ids(java.util.Collection<RevisionId> ids) {
        return ids.stream().map(RevisionId::value).toList();
    }
}
