package dev.strata.postgres;

import dev.strata.plan.Backfill;
import dev.strata.plan.Backfill.Strategy;
import dev.strata.run.StatementFailedException;
import dev.strata.run.Target.BackfillProgress;
import dev.strata.sql.SqlText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes a whole-table {@link Backfill} by copy-and-swap ({@link Strategy#COPY_SWAP}): instead of updating every
 * row where it is (a second version of each row and of its index entries), it writes a fresh copy of the table
 * once, as the blocking rewrite would, while the application keeps reading and writing the original. The copy
 * is made much as pg_repack makes it: rows first (into the key's index), the other indexes after, then the changes
 * made meanwhile.
 * <ol>
 *   <li>Setup, one short transaction (SHARE ROW EXCLUSIVE on the table for the triggers, under a short
 *       lock_timeout, retried): {@code CREATE TABLE shadow (LIKE t INCLUDING ALL EXCLUDING INDEXES)} (columns,
 *       defaults, NOT NULL, checks, identity, generated columns, comments, statistics, storage) in the table's
 *       tablespace, owned by the table's owner, autovacuum off; a log table (an identity column for order, the
 *       operation, the key columns); and a row trigger on the table that appends the key of every inserted,
 *       updated or deleted row to the log (the old key too when an update changes it), and a TRUNCATE trigger
 *       that empties the shadow and the log. The application's writes never touch the shadow.</li>
 *   <li>Key index: the unique index on the key columns (the primary key, as a rule) built on the empty shadow.</li>
 *   <li>Fill: key-ordered batches of up to {@link #FILL_BATCH} rows (about {@link CopyFill#FILL_BYTES} bytes) into the
 *       shadow, which has no other index yet, by binary {@code COPY} through this process ({@code COPY (SELECT
 *       ... FROM t WHERE key in range) TO STDOUT}, then {@code COPY shadow FROM STDIN}; see {@link CopyFill}), or by
 *       plain {@code INSERT INTO shadow SELECT ...} when a column's type has no binary form or the connection is not
 *       pgjdbc's (the batches read on a second session when one can be opened and the set columns read nothing only
 *       this session has: {@link CopyFill#readsSessionState()}); each batch is its own transaction (no snapshot is
 *       held for the fill), unless the table has unique indexes other than the key's: then the whole fill reads one
 *       REPEATABLE READ snapshot, so that the copy is one consistent state and those indexes can be built.</li>
 *   <li>Indexes: each other index of the table built on the shadow by one sort ({@code CREATE INDEX}, or {@code ADD
 *       CONSTRAINT} for unique and exclusion constraints), then {@code ANALYZE}.</li>
 *   <li>Replay: batches of logged keys, oldest first, are consumed (deleted from the log in the batch's
 *       transaction), their shadow rows deleted, and the table's rows with those keys (the table is the truth)
 *       copied again, all in one REPEATABLE READ snapshot per batch; until a batch finds little left.</li>
 *   <li>Swap, one short transaction under ACCESS EXCLUSIVE (the table, then the shadow and the log; lock_timeout
 *       {@link #SWAP_LOCK_TIMEOUT_MS} ms, retried): the rest of the log replayed, foreign keys pointing at the
 *       table dropped, sequences it owns released, the old table's foreign keys and copy triggers dropped and the
 *       old table renamed aside ({@code t_strata_old}, its indexes and identity sequences too), the log dropped,
 *       the shadow renamed to its name, its indexes (and so its constraints) renamed to the old names, identity
 *       sequences set to where the old ones were and renamed, the table's triggers, grants, comment, replica
 *       identity and foreign keys (NOT VALID) re-created, sequences owned again.</li>
 *   <li>Drop: the old table in a transaction of its own, so that the removal of its files (in the commit) happens
 *       while no write waits for a lock.</li>
 *   <li>After: the foreign keys that were valid are validated (SHARE UPDATE EXCLUSIVE / SHARE ROW EXCLUSIVE, no
 *       write blocked); the statistics are the shadow's, gathered after its index build (no second ANALYZE).</li>
 * </ol>
 * A run that finds the triggers of an interrupted copy removes them, the shadow and the log, and starts over.
 * What it refuses is listed in {@link #obstacle}.
 */
final class CopySwapRunner {
    /** The lock_timeout of the swap's lock requests: writes queue behind a waiting ACCESS EXCLUSIVE request. */
    static final int SWAP_LOCK_TIMEOUT_MS = 50;
    /** Attempts at the setup and at the swap before giving up (with growing pauses, about 90 s in all). */
    static final int LOCK_ATTEMPTS = 60;
    /** Rows per fill batch ({@code -Dstrata.copyswap.batch} to measure others). */
    static final int FILL_BATCH = Integer.getInteger("strata.copyswap.batch", 100_000);
    /** The fill's largest batch in rows: {@link #FILL_BATCH} (tests set fewer). */
    static volatile int fillBatch = FILL_BATCH;
    /** {@code -Dstrata.copyswap.insert=true} fills by {@code INSERT ... SELECT} even where COPY works, to compare. */
    private static final boolean FILL_BY_INSERT = Boolean.getBoolean("strata.copyswap.insert");
    /**
     * {@code -Dstrata.copyswap.oneConnection=true} reads and writes the COPY fill's batches on the runner's connection
     * even when a second one can be opened, to compare.
     */
    private static final boolean ONE_CONNECTION = Boolean.getBoolean("strata.copyswap.oneConnection");
    /** Logged changes per replay batch. */
    static final int REPLAY_BATCH = 20_000;
    /** The replay before the swap stops once a pass finds at most this many logged changes. */
    static final int REPLAY_LEFT = 1_000;
    /**
     * How long the replay before the swap may go on without catching up with the application's writes before the copy
     * gives up ({@code -Dstrata.copyswap.replayMinutes}, default 30; tests set less): writes that outpace the replay
     * would otherwise keep it going for ever, with the sync trigger on every write.
     */
    static volatile java.time.Duration replayLimit =
            java.time.Duration.ofMinutes(Long.getLong("strata.copyswap.replayMinutes", 30));
    static final String SYNC_TRIGGER = "strata_copy_sync";
    static final String GUARD_TRIGGER = "strata_copy_guard";
    static final String TRUNCATE_TRIGGER = "strata_copy_truncate";
    /**
     * Called with the name of each phase as it starts ("fill", "indexes", "replay", "swap"), and with "fill beside"
     * when the COPY fill reads on a second connection; for tests.
     */
    static volatile Consumer<String> phaseHook = phase -> { };

    private final Connection c;
    private final Backfill b;
    private final Table t;
    /** Opens a second connection to the same database for the fill's reading, or null (the fill reads on c). */
    private final java.util.function.Supplier<Connection> connections;

    private CopySwapRunner(Connection c, Backfill b, Table t, java.util.function.Supplier<Connection> connections) {
        this.c = c;
        this.b = b;
        this.t = t;
        this.connections = connections;
    }

    /** The table as the catalog names it, and the names derived from it. */
    private record Table(long oid, String schema, String name, long rows) {
        String sql() {
            return SqlText.ident(schema) + "." + SqlText.ident(name);
        }

        String shadowName() {
            String base = name.length() > 45 ? name.substring(0, 45) : name;
            return base + "_strata_copy";
        }

        String shadow() {
            return SqlText.ident(schema) + "." + SqlText.ident(shadowName());
        }

        /** The old table's name between the swap and its drop. */
        String oldName() {
            String base = name.length() > 45 ? name.substring(0, 45) : name;
            return base + "_strata_old";
        }

        String old() {
            return SqlText.ident(schema) + "." + SqlText.ident(oldName());
        }

        String log() {
            return SqlText.ident(schema) + "." + SqlText.ident(shadowName() + "_log");
        }

        String function(String suffix) {
            return SqlText.ident(schema) + "." + SqlText.ident(shadowName() + "_" + suffix);
        }
    }

    /**
     * Runs the backfill the way its strategy says: in place ({@link BackfillRunner}) or by copy-and-swap; AUTO
     * chooses copy-and-swap for a table that can be copied, has no foreign keys pointing at it and holds at
     * least {@link Backfill#AUTO_COPY_MIN_ROWS} rows, or that has a copy under way from an interrupted run.
     * {@code connections} (or null) opens a second connection to the same database, on which the fill reads its
     * batches while the batch before is written (see {@link CopyFill#reader}).
     */
    static long run(Connection c, Backfill b, Consumer<BackfillProgress> progress,
                    java.util.function.Supplier<Connection> connections) {
        if (b.strategy() == Strategy.IN_PLACE) {
            return new BackfillRunner(c, b).run(progress);
        }
        try {
            Table t = table(c, b.table());
            if (exists(c, "SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = " + t.oid
                    + " AND tgname = " + SqlText.literal(SYNC_TRIGGER))) {
                // an interrupted copy: its shadow, log and triggers go, and the copy starts over
                new CopySwapRunner(c, b, t, null).abandon();
            }
            String obstacle = obstacle(c, t, b.key());
            if (b.strategy() == Strategy.AUTO
                    && (obstacle != null || t.rows < Backfill.AUTO_COPY_MIN_ROWS || hasIncomingForeignKeys(c, t))) {
                return new BackfillRunner(c, b).run(progress);
            }
            if (obstacle != null) {
                throw new StatementFailedException(0, null, "copy-and-swap of " + b.table() + " is not possible: "
                        + obstacle + "; use strategy IN_PLACE (or AUTO) for this change", null);
            }
            CopySwapRunner runner = new CopySwapRunner(c, b, t, connections);
            try {
                return runner.copyAndSwap(progress);
            } catch (SQLException | RuntimeException e) {
                String left = runner.abandon();
                String message = "copy-and-swap of " + b.table() + " failed: "
                        + (e instanceof SQLException q ? PgErrors.describe(q) : String.valueOf(e.getMessage())) + "; " + left;
                throw new StatementFailedException(0, e instanceof SQLException q ? q.getSQLState() : null, message, e);
            }
        } catch (SQLException e) {
            throw new StatementFailedException(0, e.getSQLState(), "copy-and-swap of " + b.table() + " failed: "
                    + PgErrors.describe(e), e);
        }
    }

    private static Table table(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT r.oid, n.nspname, r.relname, greatest(r.reltuples, 0)::bigint"
                + " FROM pg_catalog.pg_class r JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE r.oid = ?::regclass")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new Table(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4));
            }
        }
    }

    /**
     * Why the table cannot be copied and swapped, or null: what a copy would lose or get wrong. Foreign keys
     * pointing at it are no obstacle (they are re-created), but AUTO avoids them (their owners' tables are
     * locked briefly and validated again).
     */
    static String obstacle(Connection c, Table t, List<String> key) throws SQLException {
        long oid = t.oid;
        String[][] checks = {
                {"SELECT 1 FROM pg_catalog.pg_class WHERE oid = " + oid + " AND relkind <> 'r'",
                        "it is not a plain table (partitioned tables are not copied)"},
                {"SELECT 1 FROM pg_catalog.pg_class WHERE oid = " + oid + " AND relpersistence <> 'p'",
                        "it is unlogged or temporary"},
                {"SELECT 1 FROM pg_catalog.pg_class WHERE oid = " + oid + " AND reloftype <> 0", "it is a typed table"},
                {"SELECT 1 FROM pg_catalog.pg_inherits WHERE inhrelid = " + oid + " OR inhparent = " + oid,
                        "it has inheritance parents or children (or is a partition or a hypertable)"},
                {"SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid"
                        + " WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refobjid = " + oid,
                        "views or rules depend on it"},
                {"SELECT 1 FROM pg_catalog.pg_rewrite WHERE ev_class = " + oid, "it has rules"},
                {"SELECT 1 FROM pg_catalog.pg_class WHERE oid = " + oid + " AND (relrowsecurity OR relforcerowsecurity)"
                        + " UNION ALL SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = " + oid,
                        "it has row-level security or policies"},
                {"SELECT 1 FROM pg_catalog.pg_publication_rel WHERE prrelid = " + oid, "it is in a publication"},
                {"SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = " + oid + " AND attnum > 0 AND attacl IS NOT NULL",
                        "it has column privileges"},
                {"SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = " + oid + " AND contype = 'c' AND NOT convalidated",
                        "it has a NOT VALID check constraint"},
                {"SELECT 1 FROM pg_catalog.pg_class WHERE oid = " + oid + " AND relreplident = 'i'",
                        "its replica identity is an index"},
                {"SELECT 1 FROM pg_catalog.pg_class WHERE oid = to_regclass(" + SqlText.literal(t.shadow()) + ")",
                        "a table " + t.shadow() + " exists (a leftover of an earlier copy? drop it and run again)"},
                {"SELECT 1 FROM pg_catalog.pg_class WHERE oid = to_regclass(" + SqlText.literal(t.log()) + ")",
                        "a table " + t.log() + " exists (a leftover of an earlier copy? drop it and run again)"},
                {"SELECT 1 FROM pg_catalog.pg_class WHERE oid = to_regclass(" + SqlText.literal(t.old()) + ")",
                        "a table " + t.old() + " exists (the old table of an earlier copy? drop it and run again)"},
                // the swap renames the old table before it drops it: what uses its row type would stay with it
                {"SELECT 1 FROM pg_catalog.pg_class r JOIN pg_catalog.pg_depend d ON d.refclassid = 'pg_catalog.pg_type'::regclass"
                        + " AND d.refobjid = r.reltype AND d.deptype = 'n' WHERE r.oid = " + oid,
                        "other objects use its row type (functions, columns or types)"},
        };
        for (String[] check : checks) {
            if (exists(c, check[0])) {
                return check[1];
            }
        }
        if (!exists(c, "SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = " + oid + " AND " + onKey("i", key))) {
            return "no unique index is on exactly its key columns " + String.join(", ", key);
        }
        return null;
    }

    private static boolean hasIncomingForeignKeys(Connection c, Table t) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_catalog.pg_constraint WHERE contype = 'f' AND confrelid = " + t.oid
                + " AND conrelid <> " + t.oid);
    }

    private long copyAndSwap(Consumer<BackfillProgress> progress) throws SQLException {
        // quoted always, as the backfill's own column names are
        List<String> columns = strings("SELECT '\"' || replace(attname, '\"', '\"\"') || '\"' FROM pg_catalog.pg_attribute"
                + " WHERE attrelid = " + t.oid + " AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum");
        inLockedTransactions("setup", this::setup);
        List<String[]> indexes = indexes();
        phaseHook.accept("key index");
        buildIndexes(indexes.subList(0, 1));
        phaseHook.accept("fill");
        long rows = fill(columns, progress);
        phaseHook.accept("indexes");
        buildIndexes(indexes.subList(1, indexes.size()));
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + t.shadow());
        }
        phaseHook.accept("replay");
        String previousCommit = string("SELECT current_setting('synchronous_commit')");
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        try (Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            s.execute("CREATE TEMP TABLE IF NOT EXISTS strata_copy_keys ON COMMIT DELETE ROWS AS SELECT "
                    + String.join(", ", b.key()) + " FROM " + t.log() + " WITH NO DATA");
            c.setAutoCommit(false);
            // one snapshot for taking the changes off the log and reading the table: every change committed before
            // it whose log row comes earlier is in the batch, so the shadow's unique indexes see no stale conflict
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long replaying = System.nanoTime();
            for (int passes = 1; ; passes++) {
                long n = replay(REPLAY_BATCH);
                c.commit();
                if (n <= REPLAY_LEFT) {
                    break;
                }
                long elapsed = System.nanoTime() - replaying;
                if (elapsed > replayLimit.toNanos()) {
                    throw new IllegalStateException("the writes to the table outpace the copy: after " + passes
                            + (passes == 1 ? " pass" : " passes") + " of replaying (" + elapsed / 1_000_000_000L
                            + " s), the last still took " + n + " logged"
                            + " changes (the swap waits for at most " + REPLAY_LEFT + "), so nothing was swapped; run"
                            + " the change when the table is written less, or with strategy IN_PLACE");
                }
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
            c.setTransactionIsolation(isolation);
            try (PreparedStatement p = c.prepareStatement("SELECT set_config('synchronous_commit', ?, false)")) {
                p.setString(1, previousCommit);
                p.execute();
            }
        }
        phaseHook.accept("swap");
        List<String[]> validate = new ArrayList<>();
        inLockedTransactions("swap", () -> {
            validate.clear();
            validate.addAll(swap());
        });
        phaseHook.accept("drop");
        // the old table, renamed by the swap: no one uses it, so its lock comes at once
        inLockedTransactions("drop", () -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
                s.execute("DROP TABLE " + t.old());
            }
        });
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pg_temp.strata_copy_keys");
            for (String[] v : validate) {
                s.execute("ALTER TABLE " + v[0] + " VALIDATE CONSTRAINT " + v[1]);
            }
            // no ANALYZE: the shadow was analyzed once its indexes were built, and its statistics came along
        }
        return rows;
    }

    /** The expression a copied row's column gets: the backfill's for the columns it sets, while pending. */
    private String expression(String column) {
        String e = b.set().get(column);
        if (e == null) {
            return column;
        }
        return b.pending() == null ? "(" + e + ")" : "CASE WHEN " + b.pending() + " THEN " + e + " ELSE " + column + " END";
    }

    /** {@code INSERT INTO shadow (columns) OVERRIDING SYSTEM VALUE SELECT (transformed columns) FROM t AS strata_src}. */
    private String copyInto;

    private String copyInto() throws SQLException {
        if (copyInto != null) {
            return copyInto;
        }
        List<String> columns = strings("SELECT '\"' || replace(attname, '\"', '\"\"') || '\"' FROM pg_catalog.pg_attribute"
                + " WHERE attrelid = " + t.oid + " AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum");
        copyInto = "INSERT INTO " + t.shadow() + " (" + String.join(", ", columns) + ") OVERRIDING SYSTEM VALUE SELECT "
                + String.join(", ", columns.stream().map(this::expression).toList()) + " FROM " + t.sql() + " AS strata_src";
        return copyInto;
    }

    private void setup() throws SQLException {
        String owner = string("SELECT quote_ident(pg_catalog.pg_get_userbyid(relowner)) FROM pg_catalog.pg_class WHERE oid = " + t.oid);
        String space = string("SELECT quote_ident(s.spcname) FROM pg_catalog.pg_class r JOIN pg_catalog.pg_tablespace s"
                + " ON s.oid = r.reltablespace WHERE r.oid = " + t.oid);
        String options = string("SELECT array_to_string(reloptions, ', ') FROM pg_catalog.pg_class WHERE oid = " + t.oid
                + " AND reloptions IS NOT NULL");
        List<String> keyTypes = new ArrayList<>();
        for (String k : b.key()) {
            keyTypes.add(k + " " + string("SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute"
                    + " WHERE attrelid = " + t.oid + " AND attname = " + SqlText.literal(unquote(k))));
        }
        String keys = String.join(", ", b.key());
        String oldKeys = String.join(", ", b.key().stream().map(k -> "OLD." + k).toList());
        String newKeys = String.join(", ", b.key().stream().map(k -> "NEW." + k).toList());
        String sync = "\nBEGIN\n"
                + "    IF TG_OP = 'TRUNCATE' THEN\n"
                + "        TRUNCATE " + t.shadow() + ", " + t.log() + ";\n"
                + "        RETURN NULL;\n"
                + "    END IF;\n"
                + "    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (" + oldKeys + ") IS DISTINCT FROM (" + newKeys + ")) THEN\n"
                + "        INSERT INTO " + t.log() + " (strata_op, " + keys + ") VALUES ('D', " + oldKeys + ");\n"
                + "    END IF;\n"
                + "    IF TG_OP <> 'DELETE' THEN\n"
                + "        INSERT INTO " + t.log() + " (strata_op, " + keys + ") VALUES (left(TG_OP, 1), " + newKeys + ");\n"
                + "    END IF;\n"
                + "    RETURN NULL;\n"
                + "END\n";
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + SWAP_LOCK_TIMEOUT_MS + "ms'");
            // the lock goes at the commit, not after its WAL flush (slow while the disk is busy); the runner's own
            // later synchronous commit makes this one durable (an application write's commit does too)
            s.execute("SET LOCAL synchronous_commit = off");
            s.execute("LOCK TABLE " + t.sql() + " IN SHARE ROW EXCLUSIVE MODE");
            s.execute("CREATE TABLE " + t.shadow() + " (LIKE " + t.sql() + " INCLUDING ALL EXCLUDING INDEXES)"
                    + (space == null ? "" : " TABLESPACE " + space));
            s.execute("ALTER TABLE " + t.shadow() + " SET (" + (options == null ? "" : options + ", ")
                    + "autovacuum_enabled = false)");
            s.execute("CREATE TABLE " + t.log() + " (strata_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " strata_op text NOT NULL, " + String.join(", ", keyTypes) + ")"
                    + (space == null ? "" : " TABLESPACE " + space));
            if (!owner.equals(string("SELECT quote_ident(current_user)"))) {
                s.execute("ALTER TABLE " + t.shadow() + " OWNER TO " + owner);
                s.execute("ALTER TABLE " + t.log() + " OWNER TO " + owner);
            }
            s.execute("CREATE FUNCTION " + t.function("sync") + "() RETURNS trigger LANGUAGE plpgsql AS "
                    + SqlText.dollarQuoted(sync));
            s.execute("CREATE TRIGGER " + SYNC_TRIGGER + " AFTER INSERT OR UPDATE OR DELETE ON " + t.sql()
                    + " FOR EACH ROW EXECUTE FUNCTION " + t.function("sync") + "()");
            s.execute("CREATE TRIGGER " + TRUNCATE_TRIGGER + " AFTER TRUNCATE ON " + t.sql()
                    + " FOR EACH STATEMENT EXECUTE FUNCTION " + t.function("sync") + "()");
        }
    }

    /** The key-ordered copy into the index-less shadow; returns the rows it inserted. */
    private long fill(List<String> columns, Consumer<BackfillProgress> progress) throws SQLException {
        int n = b.key().size();
        String keys = String.join(", ", b.key());
        KeyWalk w = KeyWalk.of(b.key(), "strata_src");
        String insert = copyInto();
        // other unique indexes (or exclusion constraints) can only be built on a copy of one consistent state
        List<String> names = new ArrayList<>();
        for (String k : b.key()) {
            names.add(SqlText.literal(unquote(k)));
        }
        boolean oneSnapshot = exists(c, "SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = " + t.oid + " AND i.indisunique"
                + " AND (i.indpred IS NOT NULL OR i.indexprs IS NOT NULL"
                + " OR (SELECT array_agg(a.attname ORDER BY a.attname) FROM pg_catalog.pg_attribute a"
                + " WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey[0:i.indnkeyatts - 1]))"
                + " IS DISTINCT FROM (SELECT array_agg(x ORDER BY x) FROM unnest(ARRAY[" + String.join(", ", names) + "]::name[]) x))"
                + " UNION ALL SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = " + t.oid + " AND contype = 'x'");
        long estimate = t.rows;
        long rows = 0;
        long batches = 0;
        long t0 = System.nanoTime();
        Object[] last = null;
        int size = fillBatch;
        Map<String, PreparedStatement> prepared = new LinkedHashMap<>();
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        String previousCommit = string("SELECT current_setting('synchronous_commit')");
        String previousFlush = string("SELECT current_setting('backend_flush_after')");
        CopyFill copy = null;
        if (!FILL_BY_INSERT && CopyFill.possible(c, t.oid)) {
            // the same assignment as the INSERT's (its type checks and errors), planned on no rows
            try (Statement s = c.createStatement()) {
                s.execute(copyInto() + " WHERE false");
            }
            copy = new CopyFill(c, b, t.oid, t.sql(), t.shadow(), t.rows, columns, this::expression);
        }
        // a second session computes the set columns only where it computes what this one would
        boolean beside = copy != null && !ONE_CONNECTION && connections != null && !copy.readsSessionState();
        try (Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            c.setAutoCommit(false);
            if (oneSnapshot) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            if (copy != null) {
                s.execute("SET backend_flush_after = " + CopyFill.FLUSH_AFTER);
                try (Connection reader = beside ? CopyFill.reader(c, connections, t.oid) : null) {
                    if (reader != null) {
                        phaseHook.accept("fill beside");
                    }
                    rows = copy.run(oneSnapshot, progress, reader);
                }
                c.commit();
                return rows;
            }
            while (true) {
                String sql = "WITH batch AS (SELECT " + w.aliased() + " FROM " + t.sql()
                        + (last != null ? " WHERE (" + keys + ") > (" + w.placeholders() + ")" : "")
                        + " ORDER BY " + keys + " LIMIT " + size + "),\n"
                        + "     upper AS (SELECT " + w.outKeys() + " FROM batch ORDER BY " + w.desc() + " LIMIT 1),\n"
                        + "     copied AS (" + insert + ", upper WHERE "
                        + (last != null ? "(" + w.tableKeys() + ") > (" + w.placeholders() + ") AND " : "")
                        + "(" + w.tableKeys() + ") <= (" + w.upperKeys() + ") RETURNING 1)\n"
                        + "SELECT " + w.outKeys() + ", (SELECT count(*) FROM copied) FROM upper";
                PreparedStatement p = prepared.get(sql);
                if (p == null) {
                    p = c.prepareStatement(sql);
                    prepared.put(sql, p);
                }
                if (last != null) {
                    for (int i = 0; i < n; i++) {
                        p.setObject(i + 1, last[i]);
                        p.setObject(n + i + 1, last[i]);
                    }
                }
                // no JIT: compiling the batch's plan took longer than the batch itself on the first version
                s.execute("SELECT set_config('jit', 'off', true)");
                boolean done;
                try (ResultSet rs = p.executeQuery()) {
                    done = !rs.next();
                    if (!done) {
                        Object[] key = new Object[n];
                        for (int i = 0; i < n; i++) {
                            key[i] = rs.getObject(i + 1);
                        }
                        last = key;
                        rows += rs.getLong(n + 1);
                    }
                }
                if (!oneSnapshot) {
                    c.commit();
                }
                if (done) {
                    break;
                }
                batches++;
                progress.accept(new BackfillProgress(rows, batches, estimate, Duration.ofNanos(System.nanoTime() - t0),
                        Strategy.COPY_SWAP));
                if (!b.pause().isZero()) {
                    Thread.sleep(b.pause().toMillis());
                }
            }
            c.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted after " + rows + " rows copied", "57014", e);
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the failure itself is reported
            }
            throw e;
        } finally {
            for (PreparedStatement p : prepared.values()) {
                try {
                    p.close();
                } catch (SQLException ignored) {
                    // closing after a failure
                }
            }
            try {
                c.setAutoCommit(autoCommit);
                c.setTransactionIsolation(isolation);
                try (PreparedStatement p = c.prepareStatement("SELECT set_config('synchronous_commit', ?, false),"
                        + " set_config('backend_flush_after', ?, false)")) {
                    p.setString(1, previousCommit);
                    p.setString(2, previousFlush);
                    p.execute();
                }
            } catch (SQLException ignored) {
                // a lost connection takes the setting with it
            }
        }
        return rows;
    }

    /**
     * The table's indexes as {@link #buildIndexes} makes them (oid, unique, the definition after USING, the
     * constraint's definition or null, whether it is on the key), the key's first: the unique index on exactly the
     * key columns (valid, immediate, no predicate or expressions; the primary key when that is one), which
     * {@link #obstacle} made sure exists.
     */
    private List<String[]> indexes() throws SQLException {
        List<String[]> indexes = rows("SELECT x.indexrelid::text, x.indisunique::text,"
                + " substring(pg_catalog.pg_get_indexdef(x.indexrelid) FROM ' USING .*$'),"
                + " (SELECT pg_catalog.pg_get_constraintdef(k.oid) FROM pg_catalog.pg_constraint k WHERE k.conrelid = x.indrelid"
                + " AND k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x')), " + onKey("x", b.key()) + "::text"
                + " FROM pg_catalog.pg_index x WHERE x.indrelid = " + t.oid
                + " ORDER BY 5 DESC, x.indisprimary DESC, x.indexrelid", 5);
        // checked by obstacle() before the setup; one dropped since would make the first index built a wrong "key"
        if (indexes.isEmpty() || !Boolean.parseBoolean(indexes.get(0)[4])) {
            throw new IllegalStateException("no unique index is on exactly the key columns " + String.join(", ", b.key()));
        }
        return indexes;
    }

    /**
     * Builds these of the table's indexes on the shadow ({@link #indexes}), under names of their own (the swap gives
     * them the old ones): constraints backed by an index (primary key, unique, exclusion) by {@code ADD CONSTRAINT},
     * the other indexes by {@code CREATE INDEX}. The key's index is built on the empty shadow, before the fill: the
     * fill's key-ordered batches then append to it as they go, its pages written out with the table's through the
     * shared buffers, where a build after the fill sorts the whole key and writes the index in one burst that the
     * build flushes to disk at its end (on a slow disk the application's commits waited up to 0.3 s for that flush);
     * the other indexes are built after the fill, each by one sort (their keys arrive in no order).
     */
    private void buildIndexes(List<String[]> indexes) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String[] ix : indexes) {
                String name = SqlText.ident("strata_copy_ix_" + ix[0]);
                if (ix[3] != null) {
                    s.execute("ALTER TABLE " + t.shadow() + " ADD CONSTRAINT " + name + " " + ix[3]);
                } else {
                    s.execute("CREATE " + (Boolean.parseBoolean(ix[1]) ? "UNIQUE " : "") + "INDEX " + name + " ON "
                            + t.shadow() + ix[2]);
                }
            }
        }
    }

    /**
     * One replay batch in the caller's transaction: takes up to {@code limit} logged changes off the log, deletes
     * the shadow's rows with their keys and copies the table's current rows with those keys; returns the changes
     * taken. A change committed after the batch's snapshot stays in the log for a later batch.
     */
    private long replay(int limit) throws SQLException {
        String keys = String.join(", ", b.key());
        String src = String.join(", ", b.key().stream().map(k -> "strata_src." + k).toList());
        try (Statement s = c.createStatement()) {
            // probes through the key's index: a hash join would read the whole table for a few keys
            s.execute("SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),"
                    + " set_config('jit', 'off', true)");
            long taken;
            try (ResultSet rs = s.executeQuery("WITH taken AS (DELETE FROM " + t.log() + " WHERE strata_id IN (SELECT strata_id FROM "
                    + t.log() + " ORDER BY strata_id LIMIT " + limit + ") RETURNING " + keys + "),"
                    + " kept AS (INSERT INTO pg_temp.strata_copy_keys SELECT DISTINCT " + keys + " FROM taken RETURNING 1)"
                    + " SELECT (SELECT count(*) FROM taken), (SELECT count(*) FROM kept)")) {
                rs.next();
                taken = rs.getLong(1);
            }
            if (taken > 0) {
                s.execute("DELETE FROM " + t.shadow() + " WHERE (" + keys + ") IN (SELECT " + keys
                        + " FROM pg_temp.strata_copy_keys)");
                s.execute(copyInto() + " WHERE (" + src + ") IN (SELECT " + keys + " FROM pg_temp.strata_copy_keys)");
            }
            return taken;
        }
    }

    /**
     * The swap, in the caller's transaction; returns the foreign keys to validate afterwards (table, constraint).
     */
    private List<String[]> swap() throws SQLException {
        List<String[]> validate = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + SWAP_LOCK_TIMEOUT_MS + "ms'");
            // the writes waiting for the lock go on at the commit, not after its WAL flush (as the setup's)
            s.execute("SET LOCAL synchronous_commit = off");
            // the table first: a write to it also writes the log (its trigger), so a write holding the table and
            // waiting for a locked log would wait for this transaction while it waits for the write
            s.execute("LOCK TABLE " + t.sql() + " IN ACCESS EXCLUSIVE MODE");
            s.execute("LOCK TABLE " + t.shadow() + ", " + t.log() + " IN ACCESS EXCLUSIVE MODE");
            // no write to the table is in flight now: what the log holds is the rest
            replay(Integer.MAX_VALUE);
            String options = string("SELECT array_to_string(reloptions, ', ') FROM pg_catalog.pg_class WHERE oid = "
                    + t.oid + " AND reloptions IS NOT NULL");
            boolean autovacuumSet = options != null && options.contains("autovacuum_enabled");
            // indexes by definition (the part after USING names columns, not the table): old name for each new index
            List<String[]> indexes = rows("SELECT quote_ident(o.relname), quote_ident(n.relname) FROM"
                    + " (SELECT c.relname, x.indisprimary, x.indisunique, substring(pg_catalog.pg_get_indexdef(x.indexrelid) FROM ' USING .*$') AS def,"
                    + " row_number() OVER (PARTITION BY x.indisprimary, x.indisunique, substring(pg_catalog.pg_get_indexdef(x.indexrelid) FROM ' USING .*$') ORDER BY c.relname) AS nr"
                    + " FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = " + t.oid + ") o"
                    + " JOIN (SELECT c.relname, x.indisprimary, x.indisunique, substring(pg_catalog.pg_get_indexdef(x.indexrelid) FROM ' USING .*$') AS def,"
                    + " row_number() OVER (PARTITION BY x.indisprimary, x.indisunique, substring(pg_catalog.pg_get_indexdef(x.indexrelid) FROM ' USING .*$') ORDER BY c.relname) AS nr"
                    + " FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = "
                    + SqlText.literal(t.shadow()) + "::regclass) n"
                    + " USING (indisprimary, indisunique, def, nr)", 2);
            List<String[]> triggers = rows("SELECT pg_catalog.pg_get_triggerdef(oid), quote_ident(tgname), tgenabled::text"
                    + " FROM pg_catalog.pg_trigger WHERE tgrelid = " + t.oid + " AND NOT tgisinternal AND tgname NOT IN ("
                    + SqlText.literal(SYNC_TRIGGER) + ", " + SqlText.literal(TRUNCATE_TRIGGER) + ", "
                    + SqlText.literal(GUARD_TRIGGER) + ", " + SqlText.literal(GUARD_TRIGGER + "_key") + ") ORDER BY tgname", 3);
            List<String[]> outgoing = rows("SELECT quote_ident(conname), pg_catalog.pg_get_constraintdef(oid), convalidated::text"
                    + " FROM pg_catalog.pg_constraint WHERE contype = 'f' AND conrelid = " + t.oid + " ORDER BY conname", 3);
            List<String[]> incoming = rows("SELECT conrelid::regclass::text, quote_ident(conname), pg_catalog.pg_get_constraintdef(oid),"
                    + " convalidated::text FROM pg_catalog.pg_constraint WHERE contype = 'f' AND confrelid = " + t.oid
                    + " AND conrelid <> " + t.oid + " ORDER BY 1, 2", 4);
            List<String[]> grants = rows("SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE"
                    + " quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END, a.is_grantable::text"
                    + " FROM pg_catalog.pg_class r, aclexplode(r.relacl) a WHERE r.oid = " + t.oid, 3);
            String comment = string("SELECT pg_catalog.obj_description(" + t.oid + ", 'pg_class')");
            String identity = string("SELECT relreplident::text FROM pg_catalog.pg_class WHERE oid = " + t.oid);
            List<String[]> owned = rows("SELECT d.objid::regclass::text, quote_ident(a.attname) FROM pg_catalog.pg_depend d"
                    + " JOIN pg_catalog.pg_class q ON q.oid = d.objid AND q.relkind = 'S'"
                    + " JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                    + " WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass"
                    + " AND d.refobjid = " + t.oid + " AND d.deptype = 'a'", 2);
            List<String[]> identities = rows("SELECT pg_catalog.pg_get_serial_sequence(" + SqlText.literal(t.sql())
                    + ", attname), pg_catalog.pg_get_serial_sequence(" + SqlText.literal(t.shadow()) + ", attname),"
                    + " (SELECT quote_ident(relname) FROM pg_catalog.pg_class WHERE oid = pg_catalog.pg_get_serial_sequence("
                    + SqlText.literal(t.sql()) + ", attname)::regclass)"
                    + " FROM pg_catalog.pg_attribute WHERE attrelid = " + t.oid + " AND attidentity <> '' AND NOT attisdropped", 3);
            for (String[] fk : incoming) {
                s.execute("ALTER TABLE " + fk[0] + " DROP CONSTRAINT " + fk[1]);
            }
            for (String[] seq : owned) {
                s.execute("ALTER SEQUENCE " + seq[0] + " OWNED BY NONE");
            }
            for (String[] id : identities) {
                s.execute("SELECT pg_catalog.setval(" + SqlText.literal(id[1]) + ", last_value, is_called) FROM " + id[0]);
            }
            // the old table steps aside, to be dropped after the swap's commit: dropping it here would remove its
            // files in the commit (0.2 s for 600 MB on the benchmark's disk), with the application's writes waiting
            // for the lock all that time. Its names go to the copy; its foreign keys go now, as dropping it would
            // (their triggers on the referenced tables), so its later drop locks nothing but itself
            String schema = SqlText.ident(t.schema) + ".";
            for (String[] fk : outgoing) {
                s.execute("ALTER TABLE " + t.sql() + " DROP CONSTRAINT " + fk[0]);
            }
            s.execute("DROP TRIGGER " + SYNC_TRIGGER + " ON " + t.sql());
            s.execute("DROP TRIGGER " + TRUNCATE_TRIGGER + " ON " + t.sql());
            int renamed = 0;
            for (String[] ix : indexes) {
                if (!ix[0].equals(ix[1])) {
                    s.execute("ALTER INDEX " + schema + ix[0] + " RENAME TO " + SqlText.ident("strata_old_" + t.oid + "_" + ++renamed));
                }
            }
            for (String[] id : identities) {
                s.execute("ALTER SEQUENCE " + id[0] + " RENAME TO " + SqlText.ident("strata_old_" + t.oid + "_" + ++renamed));
            }
            s.execute("ALTER TABLE " + t.sql() + " RENAME TO " + SqlText.ident(t.oldName()));
            s.execute("DROP TABLE " + t.log());
            s.execute("DROP FUNCTION " + t.function("sync") + "()");
            s.execute("ALTER TABLE " + t.shadow() + " RENAME TO " + SqlText.ident(t.name));
            for (String[] ix : indexes) {
                if (!ix[0].equals(ix[1])) {
                    s.execute("ALTER INDEX " + schema + ix[1] + " RENAME TO " + ix[0]);
                }
            }
            for (String[] id : identities) {
                s.execute("ALTER SEQUENCE " + id[1] + " RENAME TO " + id[2]);
            }
            s.execute(autovacuumSet ? "ALTER TABLE " + t.sql() + " SET (" + options + ")"
                    : "ALTER TABLE " + t.sql() + " RESET (autovacuum_enabled)");
            for (String[] tr : triggers) {
                s.execute(tr[0]);
                switch (tr[2]) {
                    case "D" -> s.execute("ALTER TABLE " + t.sql() + " DISABLE TRIGGER " + tr[1]);
                    case "R" -> s.execute("ALTER TABLE " + t.sql() + " ENABLE REPLICA TRIGGER " + tr[1]);
                    case "A" -> s.execute("ALTER TABLE " + t.sql() + " ENABLE ALWAYS TRIGGER " + tr[1]);
                    default -> { }
                }
            }
            for (String[] fk : outgoing) {
                boolean valid = Boolean.parseBoolean(fk[2]);
                s.execute("ALTER TABLE " + t.sql() + " ADD CONSTRAINT " + fk[0] + " " + fk[1] + (valid ? " NOT VALID" : ""));
                if (valid) {
                    validate.add(new String[] {t.sql(), fk[0]});
                }
            }
            for (String[] fk : incoming) {
                boolean valid = Boolean.parseBoolean(fk[3]);
                s.execute("ALTER TABLE " + fk[0] + " ADD CONSTRAINT " + fk[1] + " " + fk[2] + (valid ? " NOT VALID" : ""));
                if (valid) {
                    validate.add(new String[] {fk[0], fk[1]});
                }
            }
            for (String[] g : grants) {
                s.execute("GRANT " + g[0] + " ON " + t.sql() + " TO " + g[1]
                        + (Boolean.parseBoolean(g[2]) ? " WITH GRANT OPTION" : ""));
            }
            if (comment != null) {
                s.execute("COMMENT ON TABLE " + t.sql() + " IS " + SqlText.literal(comment));
            }
            if ("f".equals(identity)) {
                s.execute("ALTER TABLE " + t.sql() + " REPLICA IDENTITY FULL");
            } else if ("n".equals(identity)) {
                s.execute("ALTER TABLE " + t.sql() + " REPLICA IDENTITY NOTHING");
            }
            for (String[] seq : owned) {
                s.execute("ALTER SEQUENCE " + seq[0] + " OWNED BY " + t.sql() + "." + seq[1]);
            }
        }
        return validate;
    }

    /**
     * After a failure: removes the triggers, their functions and the shadow (best effort, short lock_timeout), so
     * that the table is as it was and no trigger refers to a shadow a later change could break; says what is left.
     * After a swap that committed there is nothing to remove (the old table took its triggers along).
     */
    private String abandon() {
        try {
            inLockedTransactions("cleanup", () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = '" + SWAP_LOCK_TIMEOUT_MS + "ms'");
                    if (exists(c, "SELECT 1 FROM pg_catalog.pg_class WHERE oid = " + t.oid)) {
                        for (String trigger : List.of(SYNC_TRIGGER, TRUNCATE_TRIGGER, GUARD_TRIGGER, GUARD_TRIGGER + "_key")) {
                            s.execute("DROP TRIGGER IF EXISTS " + trigger + " ON " + t.sql());
                        }
                    }
                    s.execute("DROP FUNCTION IF EXISTS " + t.function("sync") + "()");
                    s.execute("DROP FUNCTION IF EXISTS " + t.function("guard") + "()");
                    s.execute("DROP TABLE IF EXISTS " + t.shadow());
                    s.execute("DROP TABLE IF EXISTS " + t.log());
                    s.execute("DROP TABLE IF EXISTS pg_temp.strata_copy_keys");
                }
            });
            return "the shadow table, its log and triggers were removed, the table is as it was";
        } catch (SQLException | RuntimeException e) {
            return "the shadow table " + t.shadow() + ", the log " + t.log() + " and the triggers strata_copy_* on "
                    + t.sql() + " could not be removed (" + e.getMessage() + "); the next run removes them"
                    + " and starts over, or drop them by hand";
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction, again after a lock timeout (55P03) with a growing pause: its locks are
     * asked for with a short lock_timeout, so application writes queue behind a waiting request only briefly.
     */
    private void inLockedTransactions(String what, Work work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        try {
            c.setAutoCommit(false);
            for (int attempt = 1; ; attempt++) {
                try {
                    work.run();
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    if (!"55P03".equals(e.getSQLState()) || attempt >= LOCK_ATTEMPTS) {
                        throw e;
                    }
                    try {
                        Thread.sleep(Math.min(5_000, 50L * attempt));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("interrupted waiting to retry the " + what, "57014", ie);
                    }
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private String string(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] row : rows(sql, 1)) {
            out.add(row[0]);
        }
        return out;
    }

    private List<String[]> rows(String sql, int width) throws SQLException {
        return CopyFill.rows(c, sql, width);
    }

    /**
     * The condition that the pg_index row {@code x} is a unique index on exactly the {@code key} columns (in any
     * order), valid, immediate, with no predicate and no expressions: one the copy's key can rely on.
     */
    private static String onKey(String x, List<String> key) {
        List<String> names = new ArrayList<>();
        for (String k : key) {
            names.add(SqlText.literal(unquote(k)));
        }
        return "(" + x + ".indisunique AND " + x + ".indisvalid AND " + x + ".indimmediate AND " + x + ".indpred IS NULL"
                + " AND " + x + ".indexprs IS NULL AND " + x + ".indnkeyatts = " + key.size()
                + " AND (SELECT array_agg(a.attname ORDER BY a.attname) FROM pg_catalog.pg_attribute a"
                + " WHERE a.attrelid = " + x + ".indrelid AND a.attnum = ANY (" + x + ".indkey[0:" + x + ".indnkeyatts - 1]))"
                + " = (SELECT array_agg(n ORDER BY n) FROM unnest(ARRAY[" + String.join(", ", names) + "]::name[]) n))";
    }

    /** A quoted identifier as the catalog spells it. */
    private static String unquote(String quoted) {
        if (quoted.length() >= 2 && quoted.startsWith("\"") && quoted.endsWith("\"")) {
            return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
        }
        return quoted;
    }
}
