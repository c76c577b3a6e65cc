package dev.strata.op.ext;

import dev.strata.op.CreateIndex;
import dev.strata.op.QualifiedName;

/**
 * The ltree column type (contrib extension {@code ltree}: label paths such as {@code world.europe.fr}) and its
 * GiST index as a core {@link CreateIndex} op, which serves {@code <@}, {@code @>}, {@code ~} and {@code ?}.
 */
public final class Ltree {
    /** The column type. */
    public static final String TYPE = "ltree";

    private Ltree() {
    }

    /** A GiST index on an ltree column. */
    public static CreateIndex gistIndex(String name, QualifiedName table, String column) {
        return Gist.index(name, table, column);
    }
}
