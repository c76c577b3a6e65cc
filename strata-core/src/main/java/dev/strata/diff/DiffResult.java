package dev.strata.diff;

import dev.strata.op.Op;

import java.util.List;

/**
 * What the differ found. Invariants: lists are unmodifiable; {@code ops} are in dependency order and apply as
 * they are; nothing the differ saw but could not express is missing from {@code unsupported}.
 *
 * @param ops              the changes, in the order to apply them
 * @param destructive      one line per emitted (or, when not allowed, left out) op that loses data
 * @param unsupported      differences the ops do not cover, one human-readable line each
 * @param notes            decisions worth a reviewer's eye (a blocking form chosen, an index rebuilt, ...)
 * @param renameCandidates drops and adds that look like renames and were not confirmed; emitted as drop + add
 */
public record DiffResult(List<Op> ops, List<String> destructive, List<String> unsupported, List<String> notes,
                         List<RenameCandidate> renameCandidates) {
    public DiffResult {
        ops = List.copyOf(ops);
        destructive = List.copyOf(destructive);
        unsupported = List.copyOf(unsupported);
        notes = List.copyOf(notes);
        renameCandidates = List.copyOf(renameCandidates);
    }

    /** True when the models are the same as far as the differ can tell: no ops and nothing unsupported. */
    public boolean isEmpty() {
        return ops.isEmpty() && unsupported.isEmpty();
    }
}
