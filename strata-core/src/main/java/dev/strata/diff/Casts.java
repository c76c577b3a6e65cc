package dev.strata.diff;

import java.util.Locale;
import java.util.Set;

/**
 * Whether {@code ALTER COLUMN ... TYPE} needs a {@code USING} clause: PostgreSQL converts without one only
 * along implicit or assignment casts. This answers from type families (text-like, numbers, date/time) and the
 * rule that anything converts to a string type by assignment; otherwise it asks for {@code col::newtype}.
 */
final class Casts {
    private static final Set<String> TEXT = Set.of("text", "character varying", "varchar", "character", "char", "bpchar",
            "name", "\"char\"", "citext");
    private static final Set<String> NUMBER = Set.of("smallint", "integer", "int", "bigint", "numeric", "decimal", "real",
            "double precision");
    private static final Set<String> TIME = Set.of("date", "timestamp without time zone", "timestamp with time zone",
            "timestamp", "timestamptz", "time without time zone", "time with time zone", "time");

    private Casts() {
    }

    static boolean needsUsing(String from, String to) {
        String a = base(from);
        String b = base(to);
        if (a.equals(b) || (TEXT.contains(b) && !to.endsWith("]"))) {
            return false;
        }
        boolean arrays = from.endsWith("]") == to.endsWith("]");
        return !(arrays && (TEXT.contains(a) && TEXT.contains(b) || NUMBER.contains(a) && NUMBER.contains(b)
                || TIME.contains(a) && TIME.contains(b)));
    }

    /** {@code "col"::newtype} when needed, else null. */
    static String using(String column, String from, String to) {
        return needsUsing(from, to) ? Sql.ident(column) + "::" + to : null;
    }

    private static String base(String type) {
        String t = type.toLowerCase(Locale.ROOT).strip();
        int collate = t.indexOf(" collate ");
        if (collate >= 0) {
            t = t.substring(0, collate);
        }
        t = t.replace("[]", "");
        int paren = t.indexOf('(');
        if (paren >= 0) {
            int close = t.indexOf(')', paren);
            t = (t.substring(0, paren) + (close >= 0 ? t.substring(close + 1) : "")).strip();
        }
        return t;
    }
}
