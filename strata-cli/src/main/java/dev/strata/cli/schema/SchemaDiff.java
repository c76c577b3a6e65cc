package dev.strata.cli.schema;

import dev.strata.model.SchemaModel;
import dev.strata.op.Op;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place the CLI calls the differ. It has the shape of {@code dev.strata.diff.Differ}:
 * {@code diff(from, to, options)} giving ops, lines the differ could not express, and rename candidates,
 * with rename hints {@code old=new} in the options. Until that differ is merged, {@link InterimDiffer}
 * stands in for it; switching is a change to {@link #diff} only.
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    /**
     * A possible rename that was not confirmed: a drop and an add that look like one object renamed.
     *
     * @param kind "table" or "column"
     * @param from the old name as {@code --rename} takes it ({@code users.fullname})
     * @param to   the new name ({@code users.full_name})
     */
    public record RenameCandidate(String kind, String from, String to) {
        public RenameCandidate {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * What turns one schema into another.
     *
     * @param ops         the changes, in the order they must run
     * @param unsupported differences the differ found but could not express as ops, one line each
     * @param candidates  possible renames that the hints neither confirmed nor rejected (rendered in
     *                    {@code ops} as drop and add)
     */
    public record Outcome(List<Op> ops, List<String> unsupported, List<RenameCandidate> candidates) {
        public Outcome {
            ops = List.copyOf(ops);
            unsupported = List.copyOf(unsupported);
            candidates = List.copyOf(candidates);
        }

        public boolean empty() {
            return ops.isEmpty() && unsupported.isEmpty();
        }
    }

    /**
     * @param renames confirmed renames, old name to new name, in the {@link RenameCandidate} notation
     * @param noRename true when the user accepts drop and add for every candidate ({@code --no-rename})
     */
    public static Outcome diff(SchemaModel from, SchemaModel to, Map<String, String> renames, boolean noRename) {
        Outcome o = InterimDiffer.diff(from, to, renames);
        return noRename ? new Outcome(o.ops(), o.unsupported(), List.of()) : o;
    }
}
