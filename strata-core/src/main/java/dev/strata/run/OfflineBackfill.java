package dev.strata.run;

import dev.strata.plan.Backfill;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.List;

/**
 * A batched backfill as SQL that psql can run as printed: one {@code DO} block that walks the key in batches,
 * as the online runner does (keyset pagination, the pending predicate, {@code COMMIT} after every batch, the
 * pause between batches), so the offline script changes the same rows in short transactions instead of
 * leaving them to a comment. Transaction control in a DO block needs it to run at top level, outside
 * {@code BEGIN ... COMMIT} (as the script has it; not under {@code psql --single-transaction}).
 */
final class OfflineBackfill {
    private OfflineBackfill() {
    }

    static String sql(Backfill b) {
        int n = b.key().size();
        List<String> aliased = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        List<String> descending = new ArrayList<>();
        List<String> tableKeys = new ArrayList<>();
        List<String> last = new ArrayList<>();
        List<String> upper = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String k = b.key().get(i);
            aliased.add(k + " AS _k" + (i + 1));
            aliases.add("_k" + (i + 1));
            descending.add("_k" + (i + 1) + " DESC");
            tableKeys.add("t." + k);
            last.add("strata_last._k" + (i + 1));
            upper.add("strata_upper._k" + (i + 1));
        }
        String keys = String.join(", ", b.key());
        String pending = b.pending() == null ? "" : " AND (" + b.pending() + ")";
        String walk = "SELECT " + String.join(", ", aliases) + " INTO strata_upper FROM (SELECT "
                + String.join(", ", aliased) + " FROM " + b.table() + "%s ORDER BY " + keys + " LIMIT " + b.batchSize()
                + ") AS batch ORDER BY " + String.join(", ", descending) + " LIMIT 1;";
        String update = "UPDATE " + b.table() + " AS t SET " + b.assignments() + " WHERE %s(" + String.join(", ", tableKeys)
                + ") <= (" + String.join(", ", upper) + ")" + pending + ";";
        String after = "(" + String.join(", ", tableKeys) + ") > (" + String.join(", ", last) + ") AND ";
        String body = "\nDECLARE\n"
                + "    strata_first boolean := true;\n"
                + "    strata_last record;\n"
                + "    strata_upper record;\n"
                + "BEGIN\n"
                + "    LOOP\n"
                + "        IF strata_first THEN\n"
                + "            " + walk.formatted("") + "\n"
                + "            EXIT WHEN NOT FOUND;\n"
                + "            " + update.formatted("") + "\n"
                + "        ELSE\n"
                + "            " + walk.formatted(" WHERE (" + keys + ") > (" + String.join(", ", last) + ")") + "\n"
                + "            EXIT WHEN NOT FOUND;\n"
                + "            " + update.formatted(after) + "\n"
                + "        END IF;\n"
                + "        COMMIT;\n"
                + (b.pause().isZero() ? "" : "        PERFORM pg_sleep(" + b.pause().toMillis() / 1000.0 + ");\n")
                + "        strata_first := false;\n"
                + "        strata_last := strata_upper;\n"
                + "    END LOOP;\n"
                + "END\n";
        return "DO " + SqlText.dollarQuoted(body);
    }
}
