package dev.strata.postgres;

import java.util.Collections;
import java.util.List;

/**
 * The SQL fragments of a key-ordered batch walk over a table, shared by the in-place backfill and the
 * copy-and-swap fill: the batch's key columns renamed {@code _k1, _k2, ...} (so expressions that may name any
 * column of the table never meet an ambiguous name), the same keys qualified by the table's alias, the upper
 * bound's keys, the output keys, their descending order, and one placeholder per key.
 */
record KeyWalk(String aliased, String tableKeys, String upperKeys, String outKeys, String desc, String placeholders) {

    /** The fragments for {@code keys}, the table's own key columns (already quoted) qualified by {@code alias}. */
    static KeyWalk of(List<String> keys, String alias) {
        StringBuilder aliased = new StringBuilder();
        StringBuilder tableKeys = new StringBuilder();
        StringBuilder upperKeys = new StringBuilder();
        StringBuilder outKeys = new StringBuilder();
        StringBuilder desc = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            String sep = i == 0 ? "" : ", ";
            aliased.append(sep).append(k).append(" AS _k").append(i + 1);
            tableKeys.append(sep).append(alias).append('.').append(k);
            upperKeys.append(sep).append("upper._k").append(i + 1);
            outKeys.append(sep).append("_k").append(i + 1);
            desc.append(sep).append("_k").append(i + 1).append(" DESC");
        }
        return new KeyWalk(aliased.toString(), tableKeys.toString(), upperKeys.toString(), outKeys.toString(),
                desc.toString(), String.join(", ", Collections.nCopies(keys.size(), "?")));
    }
}
