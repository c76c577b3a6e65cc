package dev.strata.diff;

import dev.strata.sql.SqlText;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text helpers for definitions read from the catalog: identifiers quoted as PostgreSQL prints them (through
 * {@link SqlText#identAsPrinted}, the one quoting place), token-wise replacement and reference search.
 */
final class Sql {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private Sql() {
    }

    /** An identifier as PostgreSQL prints it in definitions: bare when it can be, else double-quoted. */
    static String ident(String name) {
        return SqlText.identAsPrinted(name);
    }

    /** The name as {@code pg_get_*def} prints it, possibly quoted, back to the plain name; null when not a single identifier. */
    static String unquote(String printed) {
        if (PLAIN.matcher(printed).matches()) {
            return printed;
        }
        if (printed.length() >= 2 && printed.startsWith("\"") && printed.endsWith("\"")) {
            String inner = printed.substring(1, printed.length() - 1);
            if (inner.replace("\"\"", "").indexOf('"') < 0) {
                return inner.replace("\"\"", "\"");
            }
        }
        return null;
    }

    static String literal(String value) {
        return value == null ? "NULL" : SqlText.literal(value);
    }

    /** Whether {@code text} mentions {@code token} as a whole word (not inside a longer identifier). */
    static boolean mentions(String text, String token) {
        return pattern(token).matcher(text).find();
    }

    /** Replaces whole-word occurrences of {@code token} by {@code replacement}. */
    static String replace(String text, String token, String replacement) {
        return text == null ? null : pattern(token).matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    private static Pattern pattern(String token) {
        return Pattern.compile("(?<![A-Za-z0-9_$\"])" + Pattern.quote(token) + "(?![A-Za-z0-9_$\"])");
    }

    /** A view or table query from {@code pg_get_viewdef}, without its trailing semicolon. */
    static String query(String definition) {
        String q = definition.strip();
        return q.endsWith(";") ? q.substring(0, q.length() - 1).stripTrailing() : q;
    }

    static String withOptions(List<String> options) {
        return options.isEmpty() ? "" : " WITH (" + String.join(", ", options) + ")";
    }
}
