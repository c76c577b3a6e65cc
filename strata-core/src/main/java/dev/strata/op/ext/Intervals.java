package dev.strata.op.ext;

import dev.strata.sql.SqlText;

/** How TimescaleDB interval arguments are written: {@code INTERVAL '30 days'}, a bare whole number, or NULL. */
final class Intervals {
    private Intervals() {
    }

    static String sql(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.matches("-?[0-9]{1,18}")) {
            return value;
        }
        return "INTERVAL " + SqlText.literal(value);
    }
}
