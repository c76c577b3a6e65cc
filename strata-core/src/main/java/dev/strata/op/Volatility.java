package dev.strata.op;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a default expression is safe for PostgreSQL 11+'s fast default: a constant or STABLE
 * expression ({@code 'active'}, {@code 0}, {@code now()}, {@code '{}'::jsonb}) is evaluated once and stored
 * as the "missing value" (no rewrite); a volatile one ({@code random()}, {@code gen_random_uuid()},
 * {@code clock_timestamp()}, {@code nextval(...)}) would be evaluated per row, rewriting the table under
 * ACCESS EXCLUSIVE. Any function call not known to be safe counts as volatile: the cost of a wrong
 * "volatile" is a needless (but correct) backfill, the cost of a wrong "stable" is an outage.
 */
final class Volatility {
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*\\(");
    private static final Set<String> SAFE_CALLS = Set.of(
            "now", "statement_timestamp", "transaction_timestamp", "current_setting",
            "array", "row", "jsonb_build_object", "json_build_object", "jsonb_build_array", "lower", "upper",
            "make_interval", "to_timestamp", "to_date",
            // type names with modifiers, as in '0'::numeric(10,2)
            "numeric", "decimal", "varchar", "character", "char", "bpchar", "bit", "varbit", "timestamp",
            "timestamptz", "time", "timetz", "interval", "varying", "vector", "halfvec", "geometry", "geography");

    private Volatility() {
    }

    static boolean isVolatile(String expression) {
        String code = stripLiterals(expression);
        Matcher m = CALL.matcher(code);
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            if (dot >= 0) {
                name = name.substring(dot + 1);
            }
            if (!SAFE_CALLS.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** The expression with the contents of '...' strings and "..." identifiers blanked out. */
    private static String stripLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
                out.append(' ');
            } else if (quote != 0 && c == quote) {
                quote = 0;
                out.append(' ');
            } else {
                out.append(quote == 0 ? c : ' ');
            }
        }
        return out.toString();
    }
}
