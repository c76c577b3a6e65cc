package dev.strata.engine.lint;

import dev.strata.sql.SqlText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts a few rows into every empty table of a scratch database, so that observed statements meet data: parents
 * before children (foreign keys point at rows that exist), a value of each column's type (numbers, text, dates,
 * booleans, uuids, JSON, enum labels, pgvector vectors of the column's dimension...), defaults and identities
 * left to the database. With a source database the rows are copied from the same table there instead (as text,
 * cast to the column's type). A table whose rows cannot be made (a CHECK the values break, a partitioned table
 * without a matching partition) stays empty.
 */
final class SampleRows {
    private static final String COLUMNS = "SELECT c.oid, n.nspname, c.relname, a.attname, format_type(a.atttypid, "
            + "a.atttypmod), a.attnotnull, a.atthasdef, a.attidentity, a.attgenerated, coalesce(bt.typcategory, "
            + "t.typcategory), coalesce(bt.typname, t.typname), a.atttypmod, "
            + "(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = coalesce(nullif(t.typbasetype, 0), t.oid) "
            + "ORDER BY e.enumsortorder LIMIT 1) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            + "JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type bt ON bt.oid = nullif(t.typbasetype, 0) "
            + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT LIKE 'pg\\_%' "
            + "AND n.nspname NOT LIKE '\\_timescaledb%' AND n.nspname NOT LIKE 'timescaledb\\_%' "
            + "AND n.nspname <> 'information_schema' "
            + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
            + "AND d.objsubid = 0 AND d.deptype = 'e') "
            + "AND c.oid = ANY (?) ORDER BY c.oid, a.attnum";
    /** The candidate tables, cheaply: only the ones not seen before are looked at further. */
    private static final String TABLES = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT LIKE 'pg\\_%' "
            + "AND n.nspname NOT LIKE '\\_timescaledb%' AND n.nspname NOT LIKE 'timescaledb\\_%' "
            + "AND n.nspname <> 'information_schema'";
    private static final String FOREIGN_KEYS = "SELECT f.conrelid, f.confrelid, a.attname, ra.attname, "
            + "format('%I.%I', rn.nspname, rc.relname) FROM pg_constraint f "
            + "CROSS JOIN LATERAL unnest(f.conkey, f.confkey) AS k(col, refcol) "
            + "JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.col "
            + "JOIN pg_attribute ra ON ra.attrelid = f.confrelid AND ra.attnum = k.refcol "
            + "JOIN pg_class rc ON rc.oid = f.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
            + "WHERE f.contype = 'f'";

    private final Connection c;
    private final Optional<Connection> source;
    private final int rows;
    /** The suffix of the prepared columns and foreign keys queries' names, or null when they are not prepared. */
    private String prepared;
    /** Tables already filled or found holding rows: a later revision does not look at them again. */
    private final Set<Long> seen = new HashSet<>();

    SampleRows(Connection c, Optional<Connection> source, int rows) {
        this.c = c;
        this.source = source;
        this.rows = rows;
    }

    private record Column(String name, String type, boolean notNull, boolean hasDefault, boolean identityAlways,
                          boolean generated, char category, String typeName, int typmod, String firstLabel) {
    }

    private record Table(long oid, String schema, String name, List<Column> columns) {
        String qualified() {
            return SqlText.qualified(schema, name);
        }
    }

    private record Ref(String column, String refColumn, String refTable, long refOid) {
    }

    /** Fills the empty tables not seen before; returns how many it tried (generated rows) or filled (copied). */
    int fill() throws SQLException {
        List<Long> all = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) {
                all.add(rs.getLong(1));
            }
        }
        return fill(all);
    }

    /** As {@link #fill()}, with the tables taken from a catalog read just before (no query when none is new). */
    int fill(Catalog catalog) throws SQLException {
        List<Long> all = new ArrayList<>();
        catalog.byOid.values().forEach(r -> {
            if (r.kind() == 'r' || r.kind() == 'p') {
                all.add(r.oid());
            }
        });
        return fill(all);
    }

    private int fill(List<Long> candidates) throws SQLException {
        List<Long> fresh = new ArrayList<>();
        for (Long oid : candidates) {
            if (!seen.contains(oid)) {
                fresh.add(oid);
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        seen.addAll(fresh);
        Map<Long, Table> tables = new LinkedHashMap<>();
        Map<Long, List<Ref>> refs = new HashMap<>();
        String oids = "'{" + String.join(",", fresh.stream().map(String::valueOf).toList()) + "}'::oid[]";
        // the columns and the foreign keys of the new tables in one round trip
        try (Statement s = c.createStatement()) {
            if (!columnsAndKeys(s, oids)) {
                s.execute(COLUMNS.replace("?", oids) + ";\n" + FOREIGN_KEYS + " AND f.conrelid = ANY (" + oids + ")");
            }
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    long oid = rs.getLong(1);
                    String schema = rs.getString(2);
                    String name = rs.getString(3);
                    Table t = tables.computeIfAbsent(oid, k -> new Table(oid, schema, name, new ArrayList<>()));
                    String label = rs.getString(13);
                    t.columns().add(new Column(rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7),
                            "a".equals(rs.getString(8)), !rs.getString(9).isEmpty(), rs.getString(10).charAt(0),
                            rs.getString(11), rs.getInt(12), label));
                }
            }
            s.getMoreResults();
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    refs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Ref(rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(2)));
                }
            }
        }
        if (tables.isEmpty()) {
            return 0;
        }
        List<Table> order = parentsFirst(tables, refs);
        if (source.isEmpty()) {
            // every empty table in one round trip: a DO block tries all columns, then the required ones, per table
            // that is empty
            StringBuilder block = new StringBuilder("DO $strata$ BEGIN\n");
            for (Table t : order) {
                List<Ref> fks = refs.getOrDefault(t.oid(), List.of());
                block.append("IF NOT EXISTS (SELECT FROM ").append(t.qualified()).append(") THEN BEGIN EXECUTE ")
                        .append(SqlText.literal(insertSql(t, fks, false)))
                        .append("; EXCEPTION WHEN OTHERS THEN BEGIN EXECUTE ")
                        .append(SqlText.literal(insertSql(t, fks, true)))
                        .append("; EXCEPTION WHEN OTHERS THEN NULL; END; END; END IF;\n");
            }
            try (Statement s = c.createStatement()) {
                s.execute(block.append("END $strata$").toString());
            } catch (SQLException e) {
                return 0;  // tables stay empty: the observation goes on without rows
            }
            return order.size();
        }
        Set<Long> empty = empty(order);
        int filled = 0;
        for (Table t : order) {
            if (!empty.contains(t.oid())) {
                continue;
            }
            boolean ok = copy(t);
            if (!ok) {
                List<Ref> fks = refs.getOrDefault(t.oid(), List.of());
                ok = insert(t, fks, false) || insert(t, fks, true);
            }
            filled += ok ? 1 : 0;
        }
        return filled;
    }

    /**
     * Runs the columns and foreign keys queries for {@code oids} on {@code s} as statements prepared on the session
     * (PREPARE, once: planning them cost more than running them, once for each linted revision); false when the
     * prepared statements are gone (a revision deallocated them), to be run from their text this time.
     */
    private boolean columnsAndKeys(Statement s, String oids) throws SQLException {
        if (prepared == null) {
            String next = Catalog.Probes.nextSet();
            s.execute("PREPARE strata_sample_columns" + next + " (pg_catalog.oid[]) AS " + COLUMNS.replace("?", "$1")
                    + ";\nPREPARE strata_sample_keys" + next + " (pg_catalog.oid[]) AS " + FOREIGN_KEYS
                    + " AND f.conrelid = ANY ($1)");
            prepared = next;
        }
        try {
            s.execute("EXECUTE strata_sample_columns" + prepared + " (" + oids + ");\nEXECUTE strata_sample_keys"
                    + prepared + " (" + oids + ")");
            return true;
        } catch (SQLException e) {
            if (!Catalog.Probes.gone(e) || !c.getAutoCommit()) {
                throw e;
            }
            prepared = null;
            return false;
        }
    }

    private static List<Table> parentsFirst(Map<Long, Table> tables, Map<Long, List<Ref>> refs) {
        List<Table> out = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        Set<Long> visiting = new HashSet<>();
        for (Long oid : tables.keySet()) {
            visit(oid, tables, refs, done, visiting, out);
        }
        return out;
    }

    private static void visit(long oid, Map<Long, Table> tables, Map<Long, List<Ref>> refs, Set<Long> done,
                              Set<Long> visiting, List<Table> out) {
        if (done.contains(oid) || !visiting.add(oid) || !tables.containsKey(oid)) {
            return;
        }
        for (Ref r : refs.getOrDefault(oid, List.of())) {
            visit(r.refOid(), tables, refs, done, visiting, out);
        }
        done.add(oid);
        out.add(tables.get(oid));
    }

    /** The empty ones of {@code tables}, in one round trip. */
    private Set<Long> empty(List<Table> tables) throws SQLException {
        Set<Long> out = new HashSet<>();
        if (tables.isEmpty()) {
            return out;
        }
        String sql = String.join(" UNION ALL ", tables.stream().map(t -> "SELECT " + t.oid() + "::bigint WHERE NOT "
                + "EXISTS (SELECT 1 FROM " + t.qualified() + ")").toList());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** INSERT ... SELECT over generate_series; {@code requiredOnly} leaves every nullable column out. */
    private boolean insert(Table t, List<Ref> fks, boolean requiredOnly) {
        try (Statement s = c.createStatement()) {
            s.execute(insertSql(t, fks, requiredOnly));
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private String insertSql(Table t, List<Ref> fks, boolean requiredOnly) {
        List<String> cols = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Column col : t.columns()) {
            if (col.identityAlways() || col.generated()) {
                continue;
            }
            Ref fk = fks.stream().filter(r -> r.column().equals(col.name())).findFirst().orElse(null);
            String v;
            if (fk != null) {
                if (fk.refOid() == t.oid() || (requiredOnly && !col.notNull())) {
                    continue;  // a self-reference stays null
                }
                v = "(SELECT r." + SqlText.ident(fk.refColumn()) + " FROM " + fk.refTable() + " r ORDER BY r.ctid "
                        + "OFFSET (g.i - 1) % greatest(1, (SELECT count(*) FROM " + fk.refTable() + ")) LIMIT 1)";
            } else if (col.hasDefault() || (requiredOnly && !col.notNull())) {
                continue;
            } else {
                v = value(col);
                if (v == null) {
                    continue;
                }
            }
            cols.add(SqlText.ident(col.name()));
            values.add(v + "::" + col.type());
        }
        String sql = "INSERT INTO " + t.qualified() + (cols.isEmpty() ? " SELECT FROM generate_series(1, " + rows
                + ") AS g(i)" : " (" + String.join(", ", cols) + ") SELECT " + String.join(", ", values)
                + " FROM generate_series(1, " + rows + ") AS g(i)");
        if (cols.isEmpty()) {
            sql = "INSERT INTO " + t.qualified() + " DEFAULT VALUES";
        }
        return sql;
    }

    /** A value expression of the column's type for row {@code g.i}, or null to leave the column out. */
    private static String value(Column col) {
        String type = col.typeName();
        switch (type) {
            case "uuid":
                return "gen_random_uuid()";
            case "json", "jsonb":
                return "('{\"n\": ' || g.i || '}')";
            case "bytea":
                return "convert_to(g.i::text, 'UTF8')";
            case "vector", "halfvec", "sparsevec":
                int dims = col.typmod() > 0 ? col.typmod() : 3;
                return "(array_fill((g.i::real) / 10, ARRAY[" + dims + "])::real[])::vector";
            case "tsvector":
                return "to_tsvector('simple', 'sample ' || g.i)";
            case "interval":
                return "(g.i || ' minutes')::interval";
            case "inet", "cidr":
                return "('10.0.0.' || g.i)";
            case "macaddr":
                return "('08:00:2b:01:02:0' || g.i)";
            default:
                break;
        }
        return switch (col.category()) {
            case 'N' -> "g.i";
            case 'S' -> "g.i::text";
            case 'B' -> "(g.i % 2 = 0)";
            case 'D' -> type.startsWith("time") && !type.startsWith("timestamp")
                    ? "(time '00:00' + g.i * interval '1 minute')" : "(now() - g.i * interval '1 hour')";
            case 'E' -> col.firstLabel() == null ? null : SqlText.literal(col.firstLabel());
            case 'A' -> "'{}'";
            case 'R' -> "'empty'";
            default -> col.notNull() ? "g.i::text" : null;
        };
    }

    /** Copies a few rows of the same table from the source database; false when it has none or they do not fit. */
    private boolean copy(Table t) {
        Connection src = source.orElseThrow();
        List<Column> cols = t.columns().stream().filter(col -> !col.identityAlways() && !col.generated()).toList();
        if (cols.isEmpty()) {
            return false;
        }
        List<String> names = new ArrayList<>();
        cols.forEach(col -> names.add(SqlText.ident(col.name())));
        List<List<String>> values = new ArrayList<>();
        try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery("SELECT "
                + String.join(", ", names.stream().map(n -> n + "::text").toList()) + " FROM " + t.qualified()
                + " LIMIT " + rows)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= cols.size(); i++) {
                    row.add(rs.getString(i));
                }
                values.add(row);
            }
        } catch (SQLException e) {
            return false;  // not there, or not with these columns
        }
        if (values.isEmpty()) {
            return false;
        }
        String sql = "INSERT INTO " + t.qualified() + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", cols.stream().map(col -> "CAST(? AS " + col.type() + ")").toList()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (List<String> row : values) {
                for (int i = 0; i < row.size(); i++) {
                    ps.setString(i + 1, row.get(i));
                }
                ps.addBatch();
            }
            ps.executeBatch();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
