package dev.strata.script;

import dev.strata.graph.RevisionId;

import java.util.List;
import java.util.Objects;

/**
 * The header of a SQL revision file, validated.
 *
 * @param irreversible  the reason given, or null
 * @param destructive   the reason given, or null
 * @param irreversibleLine the line of the {@code irreversible} header, 0 when absent
 */
record ScriptHeader(RevisionId id, List<RevisionId> parents, List<RevisionId> dependsOn,
                    List<String> branchLabels, String message, boolean transactional,
                    String irreversible, String destructive, int irreversibleLine) {
    ScriptHeader {
        Objects.requireNonNull(id, "id");
        parents = List.copyOf(parents);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = List.copyOf(branchLabels);
        message = message == null ? "" : message;
    }
}
