package dev.strata.op.ext;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.List;
import java.util.Objects;

/** Argument checks shared by the extension ops; failures are {@link ErrorCode#OP_INVALID} with a hint. */
final class Checks {
    private Checks() {
    }

    static StrataException invalid(String message) {
        return new StrataException(ErrorCode.OP_INVALID, message);
    }

    /** A non-empty name without NUL (any other character is fine: names are quoted when rendered). */
    static String name(String value, String what, String where) {
        if (value == null || value.isEmpty()) {
            throw invalid(where + ": " + what + " is missing; give a non-empty name");
        }
        if (value.indexOf('\0') >= 0) {
            throw invalid(where + ": " + what + " contains a NUL character; remove it");
        }
        return value;
    }

    static List<String> names(List<String> values, String what, String where) {
        List<String> copy = List.copyOf(Objects.requireNonNull(values, what));
        copy.forEach(v -> name(v, what, where));
        return copy;
    }

    /** SQL text given by the user (a query): non-blank, no NUL; returned stripped of trailing semicolons. */
    static String sqlText(String value, String what, String where) {
        if (value == null || value.isBlank()) {
            throw invalid(where + ": " + what + " is blank; give the SELECT as SQL text");
        }
        if (value.indexOf('\0') >= 0) {
            throw invalid(where + ": " + what + " contains a NUL character; remove it");
        }
        String text = value.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text;
    }

    /**
     * A TimescaleDB interval argument: interval text ({@code 30 days}) or a whole number (for integer time
     * columns); null only when {@code optional}.
     */
    static String interval(String value, String what, String where, boolean optional) {
        if (value == null) {
            if (optional) {
                return null;
            }
            throw invalid(where + ": " + what + " is missing; give an interval such as '30 days'");
        }
        if (value.isBlank() || value.indexOf('\0') >= 0) {
            throw invalid(where + ": " + what + " '" + value + "' is not an interval; give one such as '30 days'");
        }
        return value.strip();
    }

    static int range(Integer value, int min, int max, String what, String where) {
        if (value < min || value > max) {
            throw invalid(where + ": " + what + " = " + value + " is out of range; pgvector accepts " + min + " to " + max);
        }
        return value;
    }
}
