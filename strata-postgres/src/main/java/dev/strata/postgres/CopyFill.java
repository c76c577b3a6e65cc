package dev.strata.postgres;

import dev.strata.plan.Backfill;
import dev.strata.plan.Backfill.Strategy;
import dev.strata.run.Target.BackfillProgress;
import dev.strata.sql.SqlText;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The fill by binary {@code COPY}, batch by batch through this process: {@code COPY (SELECT transformed columns
 * FROM t WHERE key in range) TO STDOUT}, then {@code COPY shadow FROM STDIN}. Unlike {@code INSERT ... SELECT},
 * {@code COPY FROM} writes through a small ring of buffers of its own (so it writes its own dirty pages out,
 * with {@code backend_flush_after}, instead of leaving them for the application's backends to write before
 * they can reuse a buffer) and inserts a page's worth of rows per WAL record (a third less WAL).
 */
final class CopyFill {
    /** Bytes of copied rows a batch holds in this process (about; the batch size follows the rows' width). */
    static final long FILL_BYTES = 16L << 20;
    /**
     * The fill's {@code backend_flush_after}: the pages it writes itself go to the kernel's writeback as it goes
     * (as the checkpointer's do), instead of piling up for a checkpoint's fsync to write all at once.
     */
    static final String FLUSH_AFTER = "'256kB'";

    private final Connection c;
    private final Backfill b;
    private final long oid;
    private final String table;
    private final String shadow;
    private final long estimate;
    private final String copyIn;
    private final String select;
    private final KeyWalk walk;
    private final List<String> keyTypes = new ArrayList<>();
    private final String keyTexts;
    /** Rows and batches written so far, and when the fill started. */
    private long rowsDone;
    private long batchesDone;
    private long started;
    /** The COPY data as read (with the keys), by one thread at a time: the caller's, or the reading thread. */
    private final Bytes raw = new Bytes();
    private final Bytes buffer = new Bytes();

    /**
     * The fill of {@code shadow} from {@code table} (its oid, its row estimate), the columns given, the set
     * columns' values from {@code expression}; the caller has checked that {@link #possible} and that the
     * INSERT's assignment of those expressions works.
     */
    CopyFill(Connection c, Backfill b, long oid, String table, String shadow, long estimate, List<String> columns,
             UnaryOperator<String> expression) throws SQLException {
        this.c = c;
        this.b = b;
        this.oid = oid;
        this.table = table;
        this.shadow = shadow;
        this.estimate = estimate;
        this.walk = KeyWalk.of(b.key(), "strata_src");
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> exactTypes = new LinkedHashMap<>();
        for (String[] r : rows(c, "SELECT '\"' || replace(attname, '\"', '\"\"') || '\"', pg_catalog.format_type(atttypid, NULL),"
                + " pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute WHERE attrelid = " + oid
                + " AND attnum > 0 AND NOT attisdropped", 3)) {
            types.put(r[0], r[1]);
            exactTypes.put(r[0], r[2]);
        }
        for (String k : b.key()) {
            keyTypes.add(exactTypes.get(k));
        }
        // binary input needs each value in the column's own type: the set columns are cast to it (its type
        // modifier, a length or a precision, is applied by the column's binary input as by an assignment)
        List<String> out = new ArrayList<>();
        for (String col : columns) {
            out.add(b.set().containsKey(col) ? "CAST(" + expression.apply(col) + " AS " + types.get(col) + ")" : col);
        }
        select = "SELECT " + String.join(", ", out);
        keyTexts = String.join(", ", b.key().stream().map(k -> "strata_src." + k + "::text").toList());
        copyIn = "COPY " + shadow + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
    }

    /**
     * A second connection for reading the batches, from {@code connections} (null when there is none), made to
     * read as the caller's session does: the same database of the same server, the table {@code relation} there,
     * the same login, and the caller's session settings (those set in its session: search_path, TimeZone, ...,
     * which the set columns' expressions may depend on) and role; JIT off. Null, the connection closed, when
     * any of it does not hold: the fill then reads on the caller's connection.
     */
    static Connection reader(Connection c, java.util.function.Supplier<Connection> connections, long relation) {
        if (connections == null) {
            return null;
        }
        Connection r = null;
        try {
            r = connections.get();
            if (r == null || !r.isWrapperFor(PGConnection.class)) {
                throw new SQLException("no pgjdbc connection");
            }
            String where = "SELECT current_database() || '/' || extract(epoch FROM pg_catalog.pg_postmaster_start_time()) || '/'"
                    + " || coalesce(pg_catalog.inet_server_port(), 0) || '/' || session_user || '/'"
                    + " || (SELECT relname FROM pg_catalog.pg_class WHERE oid = " + relation + ")";
            String here = string(c, where);
            if (here == null || !here.equals(string(r, where))) {
                throw new SQLException("another database, server or login");
            }
            try (java.sql.PreparedStatement p = r.prepareStatement("SELECT pg_catalog.set_config(name, setting, false)"
                    + " FROM unnest(?::text[], ?::text[]) AS s(name, setting)")) {
                List<String> names = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (String[] row : rows(c, "SELECT name, setting FROM pg_catalog.pg_settings WHERE source = 'session'"
                        + " AND name NOT LIKE 'transaction\\_%' UNION ALL SELECT 'role', current_user::text"
                        + " WHERE current_user <> session_user", 2)) {
                    names.add(row[0]);
                    values.add(row[1]);
                }
                names.add("jit");
                values.add("off");
                p.setArray(1, r.createArrayOf("text", names.toArray()));
                p.setArray(2, r.createArrayOf("text", values.toArray()));
                p.executeQuery().close();
            }
            return r;
        } catch (SQLException | RuntimeException e) {
            if (r != null) {
                try {
                    r.close();
                } catch (SQLException ignored) {
                    // it is not used
                }
            }
            return null;
        }
    }

    /**
     * Whether the set columns' expressions may read what only the caller's session holds, so that a second session
     * could compute other values for them: a {@code current_setting} of anything but a literal built-in name (a custom
     * {@code prefix.name} set in the session is not in {@code pg_settings}, so {@link #reader} cannot carry it over),
     * or a function written in SQL or a procedural language, called directly or behind an operator (its body may
     * read such a setting, a temporary table or anything else of the session). The functions are the ones the server
     * records for a temporary view of the fill's query, made and dropped here (under a savepoint when a transaction
     * is open). True when that cannot be told: the fill then reads on the caller's connection.
     */
    boolean readsSessionState() {
        if (callsCurrentSettingOfCustomName(select)) {
            return true;
        }
        java.sql.Savepoint savepoint = null;
        try {
            if (!c.getAutoCommit()) {
                savepoint = c.setSavepoint();
            }
            boolean found;
            try (Statement s = c.createStatement()) {
                // one left by an interrupted probe of this session would make the CREATE fail every time
                s.execute("DROP VIEW IF EXISTS pg_temp.strata_copy_probe");
                s.execute("CREATE TEMPORARY VIEW strata_copy_probe AS " + select + " FROM " + table + " AS strata_src");
                found = exists(c, "SELECT 1 FROM pg_catalog.pg_depend d"
                        + " JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid"
                        + " LEFT JOIN pg_catalog.pg_operator o ON d.refclassid = 'pg_catalog.pg_operator'::pg_catalog.regclass"
                        + " AND o.oid = d.refobjid"
                        + " JOIN pg_catalog.pg_proc p ON p.oid = CASE WHEN d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass"
                        + " THEN d.refobjid ELSE o.oprcode::oid END"
                        + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang"
                        + " WHERE r.ev_class = 'pg_temp.strata_copy_probe'::pg_catalog.regclass AND l.lanname NOT IN ('internal', 'c')");
                s.execute("DROP VIEW pg_temp.strata_copy_probe");
            }
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
            return found;
        } catch (SQLException e) {
            try {
                if (savepoint != null) {
                    c.rollback(savepoint);
                } else if (!c.getAutoCommit()) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // the fill's own statements report a broken connection
            }
            return true;
        }
    }

    /** Whether {@code sql} calls current_setting with anything but a literal name without a dot (a built-in one). */
    static boolean callsCurrentSettingOfCustomName(String sql) {
        java.util.regex.Matcher m = CURRENT_SETTING.matcher(sql);
        while (m.find()) {
            if (m.group(1) == null) {
                return true;
            }
        }
        return false;
    }

    /** current_setting, optionally quoted or qualified, and (group 1) its literal argument when it has no dot. */
    private static final java.util.regex.Pattern CURRENT_SETTING = java.util.regex.Pattern.compile(
            "current_setting\"?\\s*(?:\\(\\s*'([^'.]*)'\\s*[,)])?", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Whether the columns' types (and the types inside them) all have binary send and receive functions. */
    static boolean possible(Connection c, long relation) throws SQLException {
        if (!c.isWrapperFor(PGConnection.class)) {
            return false;
        }
        return !exists(c, "WITH RECURSIVE ty(oid) AS (SELECT atttypid FROM pg_catalog.pg_attribute WHERE attrelid = " + relation
                + " AND attnum > 0 AND NOT attisdropped AND attgenerated = ''"
                + " UNION SELECT z.x FROM ty JOIN pg_catalog.pg_type y ON y.oid = ty.oid, LATERAL ("
                + "SELECT nullif(y.typbasetype, 0) UNION ALL SELECT nullif(y.typelem, 0)"
                + " UNION ALL SELECT r.rngsubtype FROM pg_catalog.pg_range r WHERE r.rngtypid = y.oid"
                + " UNION ALL SELECT a.atttypid FROM pg_catalog.pg_attribute a WHERE y.typrelid <> 0 AND a.attrelid = y.typrelid"
                + " AND a.attnum > 0 AND NOT a.attisdropped) z(x) WHERE z.x IS NOT NULL)"
                + " SELECT 1 FROM ty JOIN pg_catalog.pg_type y ON y.oid = ty.oid WHERE y.typsend::oid = 0 OR y.typreceive::oid = 0");
    }

    /**
     * Copies every row in key order, batch by batch, in the caller's transaction settings; returns the rows. With a
     * {@code reader} (a second connection to the same database, prepared by {@link #reader}) the batches are read
     * there while the batch before is written here, so that reading and writing overlap; without one, each batch
     * is read, then written, on the caller's connection.
     */
    long run(boolean oneSnapshot, Consumer<BackfillProgress> progress, Connection reader) throws SQLException {
        started = System.nanoTime();
        return reader == null ? runAlone(oneSnapshot, progress) : runBeside(reader, oneSnapshot, progress);
    }

    /** One batch as read: its COPY data without the keys, its rows, the last row's key and the rows it was asked for. */
    private record Batch(Bytes data, long rows, String[] lastKey, int size) {
    }

    private long runAlone(boolean oneSnapshot, Consumer<BackfillProgress> progress) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String[] last = null;
        int size = firstSize();
        try (Statement s = c.createStatement()) {
            while (true) {
                s.execute("SELECT set_config('jit', 'off', true)");
                Batch batch = read(copy, last, size, buffer);
                if (written(copy, batch, !oneSnapshot, progress)) {
                    return rowsDone;
                }
                last = batch.lastKey;
                size = nextSize(batch);
                pause();
            }
        } catch (java.io.IOException e) {
            throw new SQLException("copying rows into " + shadow + ": " + e.getMessage(), "58030", e);
        }
    }

    /**
     * The fill on two connections: a thread reads the batches on {@code reader} (each in its own transaction, or
     * all in one REPEATABLE READ snapshot when {@code oneSnapshot}) and hands each over when the one before it is
     * written; this thread writes them on the caller's connection. At most two batches are in memory.
     */
    private long runBeside(Connection reader, boolean oneSnapshot, Consumer<BackfillProgress> progress) throws SQLException {
        CopyManager in = c.unwrap(PGConnection.class).getCopyAPI();
        CopyManager out = reader.unwrap(PGConnection.class).getCopyAPI();
        java.util.concurrent.SynchronousQueue<Object> handOver = new java.util.concurrent.SynchronousQueue<>();
        java.util.concurrent.ArrayBlockingQueue<Bytes> free = new java.util.concurrent.ArrayBlockingQueue<>(2);
        free.add(buffer);
        free.add(new Bytes());
        int first = firstSize();
        Thread thread = new Thread(() -> {
            Object failure;
            try {
                String[] from = null;
                int size = first;
                while (true) {
                    Batch batch = read(out, from, size, free.take());
                    if (batch.rows < batch.size) {
                        if (oneSnapshot) {
                            reader.commit();
                        }
                        handOver.put(batch);
                        return;
                    }
                    handOver.put(batch);
                    from = batch.lastKey;
                    size = nextSize(batch);
                }
            } catch (InterruptedException e) {
                // the writer has stopped
                return;
            } catch (SQLException | java.io.IOException | RuntimeException e) {
                failure = e;
            }
            try {
                handOver.put(failure);
            } catch (InterruptedException e) {
                // the writer has stopped
            }
        }, "strata-copy-reader");
        thread.setDaemon(true);
        boolean done = false;
        try {
            reader.setAutoCommit(!oneSnapshot);
            if (oneSnapshot) {
                reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            thread.start();
            while (true) {
                Object next = handOver.take();
                if (next instanceof SQLException e) {
                    throw new SQLException("reading rows of " + table + ": " + e.getMessage(), e.getSQLState(), e);
                }
                if (next instanceof Exception e) {
                    throw new SQLException("reading rows of " + table + ": " + e.getMessage(), "58030", e);
                }
                Batch batch = (Batch) next;
                // the reader holds the snapshot (if one is needed): each written batch can be committed
                boolean last = written(in, batch, true, progress);
                free.add(batch.data);
                if (last) {
                    done = true;
                    thread.join();
                    return rowsDone;
                }
                pause();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted after " + rowsDone + " rows copied", "57014", e);
        } catch (java.io.IOException e) {
            throw new SQLException("copying rows into " + shadow + ": " + e.getMessage(), "58030", e);
        } finally {
            if (!done) {
                // the reader may be inside a COPY: closing its connection ends it; the caller's close is then a no-op
                thread.interrupt();
                try {
                    reader.abort(Runnable::run);
                } catch (SQLException | RuntimeException ignored) {
                    // the failure being reported is the writer's
                }
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The first batch's rows: from the table's size on disk per row (values may be wider once decompressed). */
    private int firstSize() throws SQLException {
        String perRow = string(c, "SELECT pg_catalog.pg_table_size(" + oid + ") / nullif(" + estimate + ", 0)");
        return perRow == null ? 100 : (int) Math.max(1, Math.min(Math.min(CopySwapRunner.fillBatch, 10_000),
                FILL_BYTES / Math.max(1, Long.parseLong(perRow))));
    }

    /** The next batch's rows: about FILL_BYTES in this process's memory, at most CopySwapRunner.fillBatch rows. */
    private static int nextSize(Batch batch) {
        return (int) Math.max(1, Math.min(CopySwapRunner.fillBatch,
                FILL_BYTES * batch.rows / Math.max(1, batch.data.size())));
    }

    /** Reads up to {@code size} rows after the key {@code after} (from the start when null) into {@code into}. */
    private Batch read(CopyManager copy, String[] after, int size, Bytes into) throws SQLException, java.io.IOException {
        // the next rows in key order, each with its key as text at the end (dropped on the way in)
        raw.reset();
        copy.copyOut("COPY (" + select + ", " + keyTexts + " FROM " + table + " AS strata_src"
                + (after == null ? "" : " WHERE (" + walk.tableKeys() + ") > (" + literals(after) + ")")
                + " ORDER BY " + walk.tableKeys() + " LIMIT " + size + ") TO STDOUT (FORMAT binary)", raw);
        into.reset();
        String[] lastKey = new String[keyTypes.size()];
        long n = withoutKeys(raw, into, keyTypes.size(), lastKey);
        return new Batch(into, n, lastKey, size);
    }

    /**
     * Writes {@code batch} on the caller's connection, commits it when told, counts it and reports the progress;
     * returns whether it was the last batch (fewer rows than asked for).
     */
    private boolean written(CopyManager copy, Batch batch, boolean commit, Consumer<BackfillProgress> progress)
            throws SQLException, java.io.IOException {
        if (batch.rows > 0) {
            copy.copyIn(copyIn, new java.io.ByteArrayInputStream(batch.data.array(), 0, batch.data.size()), 1 << 16);
        }
        if (commit) {
            c.commit();
        }
        rowsDone += batch.rows;
        batchesDone++;
        progress.accept(new BackfillProgress(rowsDone, batchesDone, estimate, Duration.ofNanos(System.nanoTime() - started),
                Strategy.COPY_SWAP));
        return batch.rows < batch.size;
    }

    private void pause() throws SQLException {
        if (!b.pause().isZero()) {
            try {
                Thread.sleep(b.pause().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted after " + rowsDone + " rows copied", "57014", e);
            }
        }
    }

    /**
     * Moves the binary COPY data in {@code in} to {@code out} without the last {@code extra} fields of each row,
     * which hold the row's key as text: those of the last row are left in {@code lastKey}. Returns the rows.
     */
    static long withoutKeys(Bytes in, Bytes out, int extra, String[] lastKey) throws SQLException {
        java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(in.array(), 0, in.size());
        byte[] bytes = in.array();
        // the header: an 11-byte signature, 32-bit flags, a 32-bit extension length and the extension
        int p = 15 + 4 + data.getInt(15);
        out.write(bytes, 0, p);
        long rows = 0;
        while (p < in.size()) {
            short fields = data.getShort(p);
            if (fields == -1) {
                out.write(bytes, p, 2);
                break;
            }
            int keep = fields - extra;
            if (keep < 0) {
                throw new SQLException("unexpected COPY data: a row of " + fields + " fields", "XX000");
            }
            int q = p + 2;
            int kept = -1;
            for (int f = 0; f < fields; f++) {
                if (f == keep) {
                    kept = q;
                }
                int length = data.getInt(q);
                q += 4;
                if (f >= keep) {
                    lastKey[f - keep] = length < 0 ? null
                            : new String(bytes, q, length, java.nio.charset.StandardCharsets.UTF_8);
                }
                q += Math.max(0, length);
            }
            out.write(keep >> 8);
            out.write(keep);
            out.write(bytes, p + 2, kept - p - 2);
            p = q;
            rows++;
        }
        return rows;
    }

    private String literals(String[] values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(values[i] == null ? "NULL::" + keyTypes.get(i) : SqlText.literal(values[i]) + "::" + keyTypes.get(i));
        }
        return String.join(", ", out);
    }

    /** A byte buffer whose array is read in place, kept (and grown) from batch to batch. */
    private static final class Bytes extends java.io.ByteArrayOutputStream {
        Bytes() {
            super(1 << 20);
        }

        byte[] array() {
            return buf;
        }
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The rows of {@code sql}, each as its first {@code width} columns' text (also the copy-and-swap runner's). */
    static List<String[]> rows(Connection c, String sql, int width) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String[] row = new String[width];
                for (int i = 0; i < width; i++) {
                    row[i] = rs.getString(i + 1);
                }
                out.add(row);
            }
        }
        return out;
    }
}
