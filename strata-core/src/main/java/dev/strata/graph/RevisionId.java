package dev.strata.graph;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

/**
 * A validated revision id: letters, digits, {@code _} and {@code .}. The characters {@code - + @ :}
 * belong to the target syntax and are refused, as in Alembic.
 */
public record RevisionId(String value) implements Comparable<RevisionId> {
    public RevisionId {
        if (!isValid(value)) {
            throw new StrataException(ErrorCode.REVISION_ID_INVALID,
                    "invalid revision id '" + value + "': use only letters, digits, '_' and '.'");
        }
    }

    public static RevisionId of(String value) {
        return new RevisionId(value);
    }

    /**
     * Whether {@code value} is a usable id: one or more of {@code A-Z a-z 0-9 _ .} (a loop rather than a regular
     * expression: a start-up reads every revision's id and parents, mostly before the JIT compiles anything).
     */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
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
