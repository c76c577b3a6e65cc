package dev.strata.run;

import dev.strata.graph.RevisionId;

import java.util.List;
import java.util.Objects;

/**
 * The writes that go with one step: the heads that leave and join the version table, and the row
 * appended to the history table. A failed step changes no heads.
 *
 * @param completion null, or what the target calls inside the step's transaction, after its statements and right
 *                   before writing, to finish the entry (the step's measurements after its statements ran)
 */
public record Bookkeeping(List<RevisionId> removeHeads, List<RevisionId> addHeads, HistoryEntry entry,
                          Completion completion) {
    public Bookkeeping {
        removeHeads = List.copyOf(removeHeads);
        addHeads = List.copyOf(addHeads);
        Objects.requireNonNull(entry, "entry");
    }

    public Bookkeeping(List<RevisionId> removeHeads, List<RevisionId> addHeads, HistoryEntry entry) {
        this(removeHeads, addHeads, entry, null);
    }

    /** Finishes a history entry inside the step's transaction. */
    @FunctionalInterface
    public interface Completion {
        HistoryEntry complete(HistoryEntry entry);
    }

    /** The entry to write: completed when there is a completion. */
    public HistoryEntry finalEntry() {
        return completion == null ? entry : completion.complete(entry);
    }

    /** A copy with another entry (the completion is kept). */
    public Bookkeeping withEntry(HistoryEntry e) {
        return new Bookkeeping(removeHeads, addHeads, e, completion);
    }

    public static Bookkeeping historyOnly(HistoryEntry entry) {
        return new Bookkeeping(List.of(), List.of(), entry);
    }
}
