package dev.strata.run;

import dev.strata.graph.RevisionId;

import java.util.List;
import java.util.Objects;

/**
 * The writes that go with one step: the heads that leave and join the version table, and the row
 * appended to the history table. A failed step changes no heads.
 */
public record Bookkeeping(List<RevisionId> removeHeads, List<RevisionId> addHeads, HistoryEntry entry) {
    public Bookkeeping {
        removeHeads = List.copyOf(removeHeads);
        addHeads = List.copyOf(addHeads);
        Objects.requireNonNull(entry, "entry");
    }

    public static Bookkeeping historyOnly(HistoryEntry entry) {
        return new Bookkeeping(List.of(), List.of(), entry);
    }
}
