package dev.strata.graph;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.regex.Pattern;

/**
 * A validated revision id: letters, digits, {@code _} and {@code .}. The characters {@code - + @ :}
 * belong to the target syntax and are refused, as in Alembic.
 */
public record RevisionId(String value) implements Comparable<RevisionId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.]+");

    public RevisionId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new StrataException(ErrorCode.REVISION_ID_INVALID,
                    "invalid revision id '" + value + "': use only letters, digits, '_' and '.'");
        }
    }

    public static RevisionId of(String value) {
        return new RevisionId(value);
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    // written out: the record's own equals and hashCode go through method handles, which the client compiler
    // (bin/strata's) does not inline, and revision ids are looked up in maps thousands of times per run
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof RevisionId other && value.equals(other.value);
    }

    /** The value's hash, as the record's own hashCode gives it (maps and sets keep their order). */
    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(RevisionId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
