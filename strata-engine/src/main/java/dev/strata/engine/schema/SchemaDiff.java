package dev.strata.engine.schema;

import dev.strata.diff.DiffOptions;
import dev.strata.diff.DiffResult;
import dev.strata.diff.Differ;
import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;
import dev.strata.op.Op;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place the CLI calls the differ ({@link Differ}), translating between the names people write
 * and the differ's hints. On the command line a column is {@code table.column} (public schema) or
 * {@code schema.table.column}, a table is {@code table} or {@code schema.table}, and the new name may be
 * written in full ({@code users.fullname=users.full_name}) or alone ({@code users.fullname=full_name}).
 * A two-part name {@code a.b} is the table {@code a.b} when the source has that table, else the column
 * {@code b} of {@code public.a}.
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    /**
     * A possible rename that was not confirmed: a drop and an add that look like one object renamed.
     *
     * @param kind   "table" or "column"
     * @param from   the old name as {@code --rename} takes it ({@code users.fullname})
     * @param to     the new name ({@code users.full_name})
     * @param reason why it looks like a rename
     */
    public record RenameCandidate(String kind, String from, String to, String reason) {
        public RenameCandidate {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * What turns one schema into another.
     *
     * @param ops         the changes, in the order they must run
     * @param unsupported differences the differ found but could not express as ops, one line each
     * @param notes       decisions worth a reviewer's eye
     * @param destructive one line per op that loses data
     * @param candidates  possible renames that the hints neither confirmed nor rejected (in {@code ops} as
     *                    drop and add)
     */
    public record Outcome(List<Op> ops, List<String> unsupported, List<String> notes, List<String> destructive,
                          List<RenameCandidate> candidates) {
        public Outcome {
            destructive = List.copyOf(destructive);
            ops = List.copyOf(ops);
            unsupported = List.copyOf(unsupported);
            notes = List.copyOf(notes);
            candidates = List.copyOf(candidates);
        }

        public boolean empty() {
            return ops.isEmpty() && unsupported.isEmpty();
        }
    }

    /**
     * @param renames  confirmed renames, old name to new name, in the command-line notation
     * @param noRename true when the user accepts drop and add for every candidate ({@code --no-rename})
     */
    public static Outcome diff(SchemaModel from, SchemaModel to, Map<String, String> renames, boolean noRename) {
        DiffResult r = new Differ().diff(from, to, DiffOptions.defaults().withRenames(hints(from, renames)));
        List<RenameCandidate> candidates = new ArrayList<>();
        if (!noRename) {
            for (dev.strata.diff.RenameCandidate c : r.renameCandidates()) {
                candidates.add(candidate(c));
            }
        }
        return new Outcome(r.ops(), r.unsupported(), r.notes(), r.destructive(), candidates);
    }

    private static RenameCandidate candidate(dev.strata.diff.RenameCandidate c) {
        String table = shortName(c.table());
        if (c.kind() == dev.strata.diff.RenameCandidate.Kind.TABLE) {
            String schema = c.table().schema().equals("public") ? "" : c.table().schema() + ".";
            return new RenameCandidate("table", table, schema + c.newName(), c.reason());
        }
        return new RenameCandidate("column", table + "." + c.oldName(), table + "." + c.newName(), c.reason());
    }

    private static String shortName(ObjectName n) {
        return n.schema().equals("public") ? n.name() : n.toString();
    }

    /**
     * The renames of a diff from {@code from}, reversed for the diff back to {@code from}: as the differ's
     * qualified hints ({@code schema.table.new=old}, {@code schema.new=old}), so that a short form such as
     * {@code assets.old=new} (a column of public.assets) reverses to the column, not to a table {@code new}.
     */
    public static Map<String, String> inverse(SchemaModel from, Map<String, String> renames) {
        Map<String, String> out = new LinkedHashMap<>();
        hints(from, renames).forEach((k, newName) -> {
            String[] parts = k.split("\\.");
            if (parts.length == 3) {
                out.put(parts[0] + "." + parts[1] + "." + newName, parts[2]);
            } else {
                out.put(parts[0] + "." + newName, parts[1]);
            }
        });
        return out;
    }

    /** Command-line renames as the differ's hints ({@code schema.table[.column]=newName}). */
    static Map<String, String> hints(SchemaModel from, Map<String, String> renames) {
        Map<String, String> out = new LinkedHashMap<>();
        renames.forEach((k, v) -> {
            String[] parts = k.split("\\.");
            String newName = v.substring(v.lastIndexOf('.') + 1);
            String key;
            if (parts.length == 1) {
                key = "public." + k;
            } else if (parts.length == 2) {
                key = from.tables().containsKey(ObjectName.of(parts[0], parts[1])) ? k : "public." + k;
            } else {
                key = k;
            }
            out.put(key, newName);
        });
        return out;
    }
}
