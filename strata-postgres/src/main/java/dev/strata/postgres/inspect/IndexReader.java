package dev.strata.postgres.inspect;

import dev.strata.model.Index;
import dev.strata.model.IndexKey;
import dev.strata.model.ObjectName;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the indexes of tables and materialized views in one query, taking each key element apart. */
final class IndexReader {
    /** {@code pg_index.indoption} bits. */
    private static final int DESC = 1;
    private static final int NULLS_FIRST = 2;

    private IndexReader() {
    }

    static List<Index> read(Catalog catalog) {
        return catalog.filtered("indexes.sql", rs -> index(rs, catalog));
    }

    private static Index index(ResultSet rs, Catalog catalog) throws SQLException {
        String schema = rs.getString("schema");
        List<String> expressions = Catalog.strings(rs, "keys");
        List<String> opclasses = Catalog.strings(rs, "opclasses");
        List<String> collations = Catalog.strings(rs, "collations");
        List<String> params = Catalog.strings(rs, "opclass_params");
        List<Integer> options = Catalog.ints(rs, "key_options");
        List<IndexKey> keys = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            int option = i < options.size() ? options.get(i) : 0;
            String p = i < params.size() ? params.get(i) : "";
            keys.add(new IndexKey(expressions.get(i), i < collations.size() ? collations.get(i) : null,
                    i < opclasses.size() ? opclasses.get(i) : null,
                    p.isEmpty() ? List.of() : Arrays.asList(p.split(",")),
                    (option & DESC) != 0, (option & NULLS_FIRST) != 0));
        }
        String parentName = rs.getString("parent_name");
        ObjectName parent = parentName == null ? null : new ObjectName(rs.getString("parent_schema"), parentName);
        ObjectName name = new ObjectName(schema, rs.getString("name"));
        return new Index(name, new ObjectName(schema, rs.getString("table_name")), rs.getBoolean("is_unique"),
                rs.getString("method"), keys, Catalog.strings(rs, "include"), rs.getString("predicate"),
                rs.getString("definition"), rs.getBoolean("valid"), rs.getString("constraint_name"), parent,
                catalog.comment("class", rs.getLong("oid")));
    }
}
