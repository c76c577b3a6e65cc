package dev.strata.lint;

import java.util.List;
import java.util.Set;

/**
 * Whether a column's DEFAULT is evaluated once (constant or STABLE: stored as the "missing value", no
 * rewrite, PostgreSQL 11+) or per row (volatile: the table is rewritten). Any function not known to be
 * safe counts as volatile: a wrong "volatile" costs a needless backfill, a wrong "stable" an outage.
 */
final class Defaults {
    private static final Set<String> SAFE_CALLS = Set.of("now", "statement_timestamp", "transaction_timestamp",
            "current_setting", "array", "row", "jsonb_build_object", "json_build_object", "jsonb_build_array",
            "lower", "upper", "make_interval", "to_timestamp", "to_date", "numeric", "decimal", "varchar",
            "character", "char", "bpchar", "bit", "varbit", "timestamp", "timestamptz", "time", "timetz", "interval",
            "varying", "vector", "halfvec");
    private static final Set<String> END = Set.of("not", "null", "primary", "references", "unique", "check",
            "constraint", "generated", "collate");

    private Defaults() {
    }

    /** True when the DEFAULT among these column-definition tokens calls a function not known to be safe. */
    static boolean isVolatile(List<Token> def) {
        int i = 0;
        while (i < def.size() && !def.get(i).is("default")) {
            i++;
        }
        int depth = 0;
        for (int j = i + 1; j < def.size(); j++) {
            Token t = def.get(j);
            if (depth == 0 && t.type() == Token.Type.WORD && END.contains(t.text())) {
                break;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (t.type() == Token.Type.WORD && j + 1 < def.size() && def.get(j + 1).isSymbol("(")
                    && !SAFE_CALLS.contains(t.text())) {
                return true;
            }
        }
        return false;
    }
}
