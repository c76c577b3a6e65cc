package dev.strata.graph;

import java.util.List;
import java.util.Objects;

/**
 * One revision applied (UP) or reverted (DOWN), with the change it makes to the set of heads stored in
 * the version table: {@code removeHeads} leave it and {@code addHeads} join it.
 */
public record Step(Revision revision, Direction direction, List<RevisionId> removeHeads, List<RevisionId> addHeads) {
    public Step {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(direction, "direction");
        removeHeads = List.copyOf(removeHeads);
        addHeads = List.copyOf(addHeads);
    }

    public RevisionId id() {
        return revision.id();
    }
}
