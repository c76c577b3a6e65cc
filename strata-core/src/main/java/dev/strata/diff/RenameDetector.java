package dev.strata.diff;

import dev.strata.model.Column;
import dev.strata.model.SchemaModel;
import dev.strata.model.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds drops and adds that look like renames: a removed and an added table (same schema) with the same columns
 * (names and types, in order); a removed and an added column of one table with the same type at the same
 * position. It only proposes; the differ applies what the caller confirms.
 */
public final class RenameDetector {
    private RenameDetector() {
    }

    public static List<RenameCandidate> detect(SchemaModel from, SchemaModel to) {
        List<RenameCandidate> out = new ArrayList<>();
        for (Table gone : from.tables().values()) {
            if (to.tables().containsKey(gone.name())) {
                continue;
            }
            for (Table added : to.tables().values()) {
                if (!from.tables().containsKey(added.name()) && added.name().schema().equals(gone.name().schema())
                        && shape(gone).equals(shape(added))) {
                    out.add(new RenameCandidate(RenameCandidate.Kind.TABLE, gone.name(), gone.name().name(),
                            added.name().name(), "table " + gone.name() + " is dropped and " + added.name()
                            + " is created with the same columns and types"));
                }
            }
        }
        for (Table now : to.tables().values()) {
            Table before = from.tables().get(now.name());
            if (before == null) {
                continue;
            }
            for (int i = 0; i < before.columns().size() && i < now.columns().size(); i++) {
                Column a = before.columns().get(i);
                Column b = now.columns().get(i);
                if (!a.name().equals(b.name()) && now.column(a.name()).isEmpty() && before.column(b.name()).isEmpty()
                        && a.type().equals(b.type())) {
                    out.add(new RenameCandidate(RenameCandidate.Kind.COLUMN, now.name(), a.name(), b.name(),
                            "column " + a.name() + " is dropped and " + b.name() + " is added at the same position"
                                    + " with the same type " + b.type()));
                }
            }
        }
        return out;
    }

    private static List<String> shape(Table t) {
        return t.columns().stream().map(c -> c.name() + " " + c.type()).toList();
    }
}
