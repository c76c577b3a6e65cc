package dev.strata.engine.schema;

import java.util.List;
import java.util.Map;

/**
 * Decides about possible renames that autogenerate found (a table or column that disappeared while a
 * similar one appeared). The caller implements it: the CLI asks on the terminal, or takes its
 * {@code --rename}/{@code --no-rename} answers; a library caller answers in code.
 */
@FunctionalInterface
public interface RenameConfirmation {
    /** Confirms none: every candidate becomes a drop and an add. */
    RenameConfirmation NONE = candidates -> Map.of();

    /** Refuses to go on while candidates remain (nobody can be asked): a RENAME_UNCONFIRMED error. */
    RenameConfirmation REFUSE = candidates -> {
        throw Renames.unconfirmed(candidates);
    };

    /**
     * @param candidates the possible renames, in a stable order
     * @return the confirmed renames, {@code old -> new} (as {@link SchemaDiff#diff} takes them); the others
     *         are taken as drop and add
     */
    Map<String, String> confirm(List<SchemaDiff.RenameCandidate> candidates);
}
