package dev.strata.postgres.inspect;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One inspection's access to the catalog: runs the SQL resources with the selected schemas and the
 * extension-objects flag as parameters, and holds the comments read up front.
 */
final class Catalog {
    /** Reads one row into a value. */
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private record CommentKey(String kind, long oid, int subid) {
    }

    private static final Map<String, String> SQL = new ConcurrentHashMap<>();
    /** The texts {@link #send} sent, by what they were made of. */
    private static final Map<List<Object>, String> SENT = new ConcurrentHashMap<>();

    /** Marks a condition in a query that needs PostgreSQL 15 or later; before 15 it is replaced by {@code false}. */
    private static final String SINCE_15 = "/*since 15*/";
    private static final String END = "/*end*/";
    /**
     * Marks the condition of a query that restricts it to some relations: kept in a read of some relations
     * ({@link #send}), with its parameter replaced by {@link #REREAD}; cut out of a full read.
     */
    private static final String ONLY = "/*only*/";
    /** Where indexes.sql takes the default operator classes: opclass_defaults.sql, or the ones known. */
    private static final String DEFAULTS = "/*defaults*/";
    /** The known default operator classes, as parameters (int8[], as the driver sends them). */
    private static final String DEFAULTS_GIVEN = "SELECT ?::pg_catalog.int8[]::pg_catalog.oid[] AS all_oids, "
            + "?::pg_catalog.int8[]::pg_catalog.oid[] AS oids, ?::pg_catalog.int8[]::pg_catalog.oid[] AS intypes, "
            + "?::pg_catalog.int8[]::pg_catalog.oid[] AS methods, "
            + "?::pg_catalog.int8[]::pg_catalog.oid[] AS generic_methods";
    /** The parameter of an only-part, as the queries write it. */
    private static final String ONLY_PARAMETER = "?::pg_catalog.oid[]";
    /**
     * What stands for it in a read of some relations: the oids reread.sql chose, read once per query (a sub-select
     * with a cast, which {@code = ANY} takes for an array rather than for a set of rows).
     */
    private static final String REREAD = "(SELECT pg_catalog.current_setting('strata.reread')::pg_catalog.oid[])"
            + "::pg_catalog.oid[]";

    private final Connection connection;
    private final boolean includeExtensionObjects;
    private final boolean before15;
    private String[] schemas = new String[0];
    /** Whether the only-parts of the queries are kept: a read of some relations ({@link #send}). */
    private boolean some;
    /**
     * The default operator classes indexes.sql goes by when a read of some relations passes them (from an earlier
     * read, when only relations changed since); null to sum them up in the query.
     */
    private OpclassDefaults defaults;
    /** Queries known to return no rows here (left out of {@link #send}). */
    private java.util.Set<String> none = java.util.Set.of();
    /** The statement that {@link #send} ran, and the rows of each of its queries by resource, until read. */
    private java.sql.Statement sent;
    private final Map<String, ResultSet> results = new HashMap<>();
    private final Map<CommentKey, String> comments = new HashMap<>();

    Catalog(Connection connection, boolean includeExtensionObjects) {
        this.connection = connection;
        this.includeExtensionObjects = includeExtensionObjects;
        this.before15 = majorVersion(connection) < 15;
    }

    /** The server's major version as the driver learnt it when connecting (no round trip); 0 when unknown. */
    private static int majorVersion(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            return 0;
        }
    }

    /**
     * The query text for this server and this read: each since-15 condition becomes {@code false} on older
     * servers; the only-parts are cut out of a full read and kept (without their markers, reading the oids
     * that reread.sql chose) in a read of some relations.
     */
    private String forServer(String sql) {
        return forServer(sql, some, some && defaults != null, before15);
    }

    /**
     * {@link #forServer(String)} of a read of some relations ({@code some}) or a full one, with the default operator
     * classes passed as parameters ({@code defaultsGiven}) or summed up in the query, for a server before 15 or not.
     */
    static String forServer(String sql, boolean some, boolean defaultsGiven, boolean before15) {
        String out = sql.replace(DEFAULTS, defaultsGiven ? DEFAULTS_GIVEN : sql("opclass_defaults.sql"));
        for (int start = out.indexOf(ONLY); start >= 0; start = out.indexOf(ONLY)) {
            int end = out.indexOf(END, start);
            out = out.substring(0, start) + (some ? out.substring(start + ONLY.length(), end)
                    .replace(ONLY_PARAMETER, REREAD) : "") + out.substring(end + END.length());
        }
        if (!before15) {
            return out;
        }
        for (int start = out.indexOf(SINCE_15); start >= 0; start = out.indexOf(SINCE_15)) {
            int end = out.indexOf(END, start);
            out = out.substring(0, start) + "false" + out.substring(end + END.length());
        }
        return out;
    }

    /** Sets the schemas that the filtered queries read. */
    void select(List<String> names) {
        schemas = names.toArray(String[]::new);
    }

    static String sql(String resource) {
        return SQL.computeIfAbsent(resource, r -> {
            try (InputStream in = Catalog.class.getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("missing SQL resource " + r);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs a query that takes no parameters. */
    <T> List<T> plain(String resource, RowReader<T> reader) {
        return run(resource, 0, reader);
    }

    /** Runs a query whose parameters are the schemas and the include-extension-objects flag. */
    <T> List<T> filtered(String resource, RowReader<T> reader) {
        return run(resource, 2, reader);
    }

    /** Runs a query whose one parameter is the schemas. */
    <T> List<T> inSchemas(String resource, RowReader<T> reader) {
        return run(resource, 1, reader);
    }

    private <T> List<T> run(String resource, int parameters, RowReader<T> reader) {
        List<T> out = new ArrayList<>();
        if (none.contains(resource)) {
            return out;
        }
        try {
            if (some) {
                ResultSet rs = results.remove(resource);
                if (rs == null) {
                    throw new IllegalStateException("inspect/" + resource + " was not sent with the others");
                }
                read(rs, reader, out);
                return out;
            }
            try (PreparedStatement ps = connection.prepareStatement(forServer(sql(resource)))) {
                bind(ps, 1, parameters);
                read(ps.executeQuery(), reader, out);
            }
        } catch (SQLException e) {
            throw failed("catalog query inspect/" + resource, e);
        }
        return out;
    }

    /** Binds the schemas and the extension-objects flag, as far as {@code parameters} go, from {@code index} on. */
    private int bind(PreparedStatement ps, int index, int parameters) throws SQLException {
        int i = index;
        if (parameters >= 1) {
            ps.setArray(i++, connection.createArrayOf("text", schemas));
        }
        if (parameters >= 2) {
            ps.setBoolean(i++, includeExtensionObjects);
        }
        return i;
    }

    private static <T> void read(ResultSet rs, RowReader<T> reader, List<T> out) throws SQLException {
        try (rs) {
            while (rs.next()) {
                out.add(reader.read(rs));
            }
        }
    }

    /** A query to {@link #send}: its resource and how many of the schemas and flag parameters it takes. */
    record Query(String resource, int parameters) {
    }

    /**
     * The default operator classes known from an earlier read, for indexes.sql in {@link #send} (null: summed up
     * by the query).
     */
    void defaults(OpclassDefaults known) {
        defaults = known;
    }

    /** The default operator classes, from opclass_defaults.sql (sent with the others in a read of some relations). */
    OpclassDefaults readDefaults() {
        return plain("opclass_defaults.sql", rs -> new OpclassDefaults(oids(rs, 1), oids(rs, 2), oids(rs, 3),
                oids(rs, 4), oids(rs, 5))).get(0);
    }

    private static Long[] oids(ResultSet rs, int column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        Object[] values = (Object[]) a.getArray();
        Long[] out = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
        }
        return out;
    }

    /** Queries known to return no rows ({@link #send} leaves them out): their reads give none. */
    void none(java.util.Set<String> resources) {
        none = resources;
    }

    /**
     * Reads some relations: sends {@code before}, reread.sql (which chooses the relations to read again from the
     * ones {@code touched}), each of {@code queries} with its only-part kept, and {@code after}, all in one round
     * trip; the readers then take each query's rows from what came back, in any order. {@code before} and
     * {@code after} take no parameters, and {@code after} returns no rows. Each query is prepared on the server
     * from the first time (a reread runs after every statement; see PgInspector).
     */
    void send(String before, java.util.Collection<Long> touched, List<Query> queries, String after) {
        some = true;
        // the same String each time: the driver finds its prepared statements by the text, hashed and compared
        String text = SENT.computeIfAbsent(List.of(before, queries, after, before15, defaults != null), k -> {
            StringBuilder b = new StringBuilder(before).append("\n;\n").append(sql("reread.sql"));
            for (Query q : queries) {
                b.append("\n;\n").append(forServer(sql(q.resource())));
            }
            return b.append("\n;\n").append(after).toString();
        });
        try {
            PreparedStatement ps = connection.prepareStatement(text);
            sent = ps;
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
            ps.setArray(1, connection.createArrayOf("int8", touched.toArray(Long[]::new)));
            int next = 2;
            for (Query q : queries) {
                if (defaults != null && sql(q.resource()).contains(DEFAULTS)) {
                    for (Long[] oids : defaults.arrays()) {
                        ps.setArray(next++, connection.createArrayOf("int8", oids));
                    }
                }
                next = bind(ps, next, q.parameters());
            }
            List<ResultSet> sets = new ArrayList<>();
            for (boolean rows = ps.execute(); rows || ps.getUpdateCount() != -1;
                 rows = ps.getMoreResults(java.sql.Statement.KEEP_CURRENT_RESULT)) {
                if (rows) {
                    sets.add(ps.getResultSet());
                }
            }
            // the last ones are the queries' (after returns none)
            int first = sets.size() - queries.size();
            for (int i = 0; i < queries.size(); i++) {
                results.put(queries.get(i).resource(), sets.get(first + i));
            }
        } catch (SQLException e) {
            throw failed("reading the changed relations", e);
        }
    }

    /** Closes what {@link #send} left open. */
    void close() {
        results.clear();
        if (sent != null) {
            try {
                sent.close();
            } catch (SQLException e) {
                // the connection is gone; nothing is left to release
            }
            sent = null;
        }
    }

    static StrataException failed(String what, SQLException e) {
        return new StrataException(ErrorCode.INSPECT_FAILED, "could not inspect the schema: " + what + " failed: "
                + PgText.oneLine(e.getMessage()) + " (SQLSTATE " + e.getSQLState()
                + "); check that the user may read the system catalogs", e);
    }

    void loadComments() {
        for (Object[] row : plain("comments.sql", rs -> new Object[] {
                rs.getString("kind"), rs.getLong("oid"), rs.getInt("subid"), rs.getString("description")})) {
            if (row[0] != null) {
                comments.put(new CommentKey((String) row[0], (Long) row[1], (Integer) row[2]), (String) row[3]);
            }
        }
    }

    /** The comment on an object ({@code kind} as comments.sql names catalogs), or null. */
    String comment(String kind, long oid) {
        return comment(kind, oid, 0);
    }

    String comment(String kind, long oid, int subid) {
        return comments.get(new CommentKey(kind, oid, subid));
    }

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        Object[] values = (Object[]) a.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(v == null ? "" : v.toString());
        }
        return out;
    }

    static List<Boolean> booleans(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(v -> (Boolean) v).toList();
    }

    static List<Integer> ints(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(v -> ((Number) v).intValue()).toList();
    }
}
