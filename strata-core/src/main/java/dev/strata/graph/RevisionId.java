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

    @Override
    public int compareTo(RevisionId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
