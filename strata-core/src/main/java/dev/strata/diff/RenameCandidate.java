package dev.strata.diff;

import dev.strata.model.ObjectName;

import java.util.Objects;

/**
 * A removed and an added object that look like one object renamed. The differ never applies a candidate by
 * itself: the caller confirms it (in {@link DiffOptions#renames()}, e.g. from {@code --rename old=new}).
 *
 * @param kind    a table or a column
 * @param table   for a column, its table (as named in the target); for a table, the old table
 * @param oldName the old table or column name
 * @param newName the new table or column name
 * @param reason  why it looks like a rename, for people
 */
public record RenameCandidate(Kind kind, ObjectName table, String oldName, String newName, String reason) {
    /** What is renamed. */
    public enum Kind { TABLE, COLUMN }

    public RenameCandidate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
        Objects.requireNonNull(reason, "reason");
    }

    /** The hint that confirms this candidate: the key and value to put in {@link DiffOptions#renames()}. */
    public String hintKey() {
        return kind == Kind.TABLE ? table.toString() : table.schema() + "." + table.name() + "." + oldName;
    }

    /** {@code old=new} as the CLI's {@code --rename} takes it. */
    public String hint() {
        return hintKey() + "=" + newName;
    }
}
