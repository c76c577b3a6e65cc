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

    /** Marks a condition in a query that needs PostgreSQL 15 or later; before 15 it is replaced by {@code false}. */
    private static final String SINCE_15 = "/*since 15*/";
    private static final String END = "/*end*/";
    /**
     * Marks the condition of a query that restricts it to some relations: kept, with each of its parameters bound
     * to their oids, in a read of some relations ({@link #only}); cut out of a full read.
     */
    private static final String ONLY = "/*only*/";

    private final Connection connection;
    private final boolean includeExtensionObjects;
    private final boolean before15;
    private String[] schemas = new String[0];
    /** The oids the {@code only} parts of the queries restrict them to; null in a full read. */
    private Long[] only;
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
     * servers; the only-parts are cut out of a full read and kept (without their markers) in a read of some
     * relations.
     */
    private String forServer(String sql) {
        String out = sql;
        for (int start = out.indexOf(ONLY); start >= 0; start = out.indexOf(ONLY)) {
            int end = out.indexOf(END, start);
            out = out.substring(0, start) + (only == null ? "" : out.substring(start + ONLY.length(), end))
                    + out.substring(end + END.length());
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

    /** The number of parameters in the only-parts of a query (they come after its other parameters). */
    private static int onlyParameters(String sql) {
        int n = 0;
        for (int start = sql.indexOf(ONLY); start >= 0; start = sql.indexOf(ONLY, start + 1)) {
            n += (int) sql.substring(start, sql.indexOf(END, start)).chars().filter(ch -> ch == '?').count();
        }
        return n;
    }

    /** Restricts the queries with an only-part to these relations; null reads everything. */
    void only(java.util.Collection<Long> oids) {
        only = oids == null ? null : oids.toArray(Long[]::new);
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
        String text = forServer(sql(resource));
        try (PreparedStatement ps = connection.prepareStatement(text)) {
            if (only != null) {
                // a reread runs after every statement: prepared on the server from the first (see PgInspector)
                ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
            }
            if (parameters >= 1) {
                Array array = connection.createArrayOf("text", schemas);
                ps.setArray(1, array);
            }
            if (parameters >= 2) {
                ps.setBoolean(2, includeExtensionObjects);
            }
            int extra = only == null ? 0 : onlyParameters(sql(resource));
            if (extra > 0) {
                Array oids = connection.createArrayOf("int8", only);
                for (int i = parameters + 1; i <= parameters + extra; i++) {
                    ps.setArray(i, oids);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
        } catch (SQLException e) {
            throw failed("catalog query inspect/" + resource, e);
        }
        return out;
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
