package dev.strata.model;

import java.util.Objects;

/**
 * A stand-alone sequence (identity sequences belong to their column instead).
 *
 * @param name          the sequence name
 * @param options       its settings
 * @param ownedByTable  the table whose column owns it ({@code OWNED BY}), or null
 * @param ownedByColumn that column, or null; set exactly when {@code ownedByTable} is
 * @param comment       its comment, or null
 */
public record Sequence(ObjectName name, SequenceOptions options, ObjectName ownedByTable, String ownedByColumn,
                       String comment) {
    public Sequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        ownedByColumn = Names.optional(ownedByColumn);
        comment = Names.optional(comment);
        if ((ownedByTable == null) != (ownedByColumn == null)) {
            throw new IllegalArgumentException("sequence " + name + ": owned-by needs both table and column");
        }
    }
}
