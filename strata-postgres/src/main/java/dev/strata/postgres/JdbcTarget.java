package dev.strata.postgres;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.run.Bookkeeping;
import dev.strata.run.DatabaseState;
import dev.strata.run.HistoryEntry;
import dev.strata.run.LockHolder;
import dev.strata.run.StateTables;
import dev.strata.run.StatementFailedException;
import dev.strata.run.Target;
import dev.strata.run.VerificationFailedException;
import dev.strata.plan.Backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link Target} for a live database over one JDBC connection, which it owns and closes.
 *
 * <p>Invariants: outside {@link #runInTransaction} the connection is in autocommit mode, so the session
 * holding the migration lock never sits in an open transaction; the migration lock is a session-level
 * advisory lock taken by polling (see {@link AdvisoryLock}); a step's statements and its bookkeeping
 * commit together or not at all; every step starts from the same session settings (a revision's own SETs end
 * with its bookkeeping, see {@link SessionBaseline}). A transactional step's bookkeeping and its COMMIT (and, when the
 * step may have changed a setting, the restore of the settings before them) go to the server as one prepared statement
 * in one round trip, so a step costs its statements plus one round trip; the floor (the same statements with no
 * bookkeeping) pays one for its COMMIT too.
 *
 * <p>Not thread-safe: one target serves one runner.
 */
public final class JdbcTarget implements Target {
    private static final String DUPLICATE_KEY = "23505";
    private static final String DUPLICATE_TABLE = "42P07";
    /** duplicate_object: two sessions creating the same table can collide on its row type. */
    private static final String DUPLICATE_OBJECT = "42710";
    private static final String DUPLICATE_SCHEMA = "42P06";
    private static final int DDL_ATTEMPTS = 3;
    /**
     * The run's final flush: a transaction must write WAL for its commit to wait for the flush (a transaction that
     * only takes an xid commits asynchronously), so it writes one transactional logical-decoding message (prefix
     * {@code strata}), which any user may do and which changes no table.
     */
    private static final String FLUSH = "SELECT pg_catalog.pg_logical_emit_message(true, 'strata', 'run flushed')";
    /** {@code name} or {@code schema.name}, each part plain or double-quoted: what to_regclass parses. */
    private static final java.util.regex.Pattern RELATION_NAME = java.util.regex.Pattern.compile(
            "(\"([^\"\\u0000]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)(\\.(\"([^\"\\u0000]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*))?");

    private final Connection c;
    private final StateTables tables;
    private final String toolVersion;
    private final AdvisoryLock lock;
    private PreparedStatement bookkeeping;
    /** The bookkeeping and COMMIT in one statement; the same after the settings' restore. */
    private PreparedStatement finish;
    private PreparedStatement finishRestoring;
    /** Whether a statement that may have changed a session setting ran since the last restore. */
    private boolean settingsTouched;
    /** How many times the settings were put back (for tests: a step that cannot change one sends no restore). */
    private long restores;
    private final SessionBaseline baseline;
    private boolean closed;
    private java.util.function.Supplier<Connection> monitor;
    private Duration progressInterval = Duration.ofSeconds(1);
    private final List<String> warnings = new java.util.ArrayList<>();
    /** The session's synchronous_commit while the lock defers flushes; null when nothing is deferred. */
    private String durableLevel;
    /** Whether anything was committed since the lock was taken (so the run needs its final flush). */
    private boolean committed;
    private long rowsAffected;
    private final List<dev.strata.run.StepMetrics.IndexBuild> indexBuilds = new java.util.ArrayList<>();
    private boolean detailsColumnChecked;
    /** What {@link #execute(Statement, String, String, SqlAction)} does with the results ahead of the statement's. */
    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Wraps an open connection (switching it to autocommit); the target closes it in {@link #close()}. */
    public JdbcTarget(Connection c, StateTables tables, String toolVersion) {
        this.c = Objects.requireNonNull(c, "connection");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.lock = new AdvisoryLock(c, tables.lockKey());
        this.baseline = new SessionBaseline(c);
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw connectionLost("preparing the session", e);
        }
    }

    /**
     * The target's own connection, for read-only queries of checks that run beside a run or before it (the pre-checks):
     * in autocommit mode, outside {@link #runInTransaction}; pgjdbc executes one statement at a time, whichever thread
     * sends it. Never for transactions or settings: the target owns the session.
     */
    public Connection connection() {
        return c;
    }

    /**
     * Sets lock_timeout and statement_timeout for the rest of this session and returns this target.
     * Null leaves a setting as the server has it; zero turns the limit off.
     */
    public JdbcTarget withSessionSettings(Duration lockTimeout, Duration statementTimeout) {
        try (PreparedStatement p = c.prepareStatement("SELECT set_config('lock_timeout', coalesce(?, current_setting("
                + "'lock_timeout')), false), set_config('statement_timeout', coalesce(?, current_setting("
                + "'statement_timeout')), false)")) {
            p.setString(1, lockTimeout == null ? null : lockTimeout.toMillis() + "ms");
            p.setString(2, statementTimeout == null ? null : statementTimeout.toMillis() + "ms");
            p.executeQuery().close();
            baseline.forget();
            return this;
        } catch (SQLException e) {
            throw connectionLost("setting lock_timeout and statement_timeout", e);
        }
    }

    @Override
    public void lock(Duration maxWait, Consumer<LockHolder> waiting) {
        lock.acquire(Objects.requireNonNull(maxWait, "maxWait"), Objects.requireNonNull(waiting, "waiting"));
        deferFlushes();
        baseline.forget();
    }

    @Override
    public void unlock() {
        try {
            flushDeferred();
            lock.release();
            baseline.forget();
        } catch (SQLException e) {
            throw connectionLost("releasing the migration lock", e);
        }
    }

    /**
     * While the lock is held, commits do not wait for their WAL flush ({@code synchronous_commit = off}): each
     * revision still commits atomically with its bookkeeping, so a crash of the server at any moment loses at
     * most the last revisions' commits whole, never half of one, and the version table keeps matching the schema.
     * {@link #flushDeferred()} makes the run durable before the lock is released. A session already set to
     * {@code off} (the user's choice) is left as it is.
     */
    private void deferFlushes() {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('synchronous_commit')")) {
            rs.next();
            String level = rs.getString(1);
            if (!"off".equals(level)) {
                s.execute("SELECT pg_catalog.set_config('synchronous_commit', 'off', false)");
                durableLevel = level;
            }
        } catch (SQLException e) {
            throw connectionLost("preparing the session", e);
        }
    }

    /**
     * Ends the run's deferred flushing: the session's own synchronous_commit comes back, and when anything was
     * committed since, one transaction that writes WAL ({@link #FLUSH}) commits at that level. Its commit record is flushed
     * (and replicated, for {@code remote_write}/{@code remote_apply}) together with all the WAL before it, so every
     * revision of the run is durable once this returns: one flush for the run instead of one per revision.
     */
    private void flushDeferred() throws SQLException {
        if (durableLevel == null || c.isClosed()) {
            return;
        }
        String level = durableLevel;
        durableLevel = null;
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_catalog.set_config('synchronous_commit', '" + level.replace("'", "''") + "', false)");
            if (committed) {
                c.setAutoCommit(false);
                try {
                    s.execute(FLUSH);
                    c.commit();
                } catch (SQLException e) {
                    // no pg_logical_emit_message here: touch the newest history row instead, which writes WAL too
                    c.rollback();
                    s.execute("UPDATE " + tables.history() + " SET status = status WHERE id = (SELECT max(id) FROM "
                            + tables.history() + ")");
                    c.commit();
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
        committed = false;
    }

    /** Whether this session holds the migration lock. */
    public boolean holdsLock() {
        return lock.held();
    }

    /** Who holds the migration lock on this database, other than this session; null when nobody does. */
    public LockHolder lockHolder() {
        try {
            return lock.holder();
        } catch (SQLException e) {
            throw connectionLost("looking up the migration lock holder", e);
        }
    }

    @Override
    public void ensureTables() {
        for (String ddl : tables.ddl()) {
            for (int attempt = 1; ; attempt++) {
                try (Statement s = c.createStatement()) {
                    s.execute(ddl);
                    break;
                } catch (SQLException e) {
                    // two sessions racing through CREATE ... IF NOT EXISTS: the loser sees a duplicate;
                    // running the statement again finds the winner's object and does nothing
                    boolean race = DUPLICATE_KEY.equals(e.getSQLState()) || DUPLICATE_TABLE.equals(e.getSQLState())
                            || DUPLICATE_OBJECT.equals(e.getSQLState())
                            || DUPLICATE_SCHEMA.equals(e.getSQLState());
                    if (!race || attempt == DDL_ATTEMPTS) {
                        throw bookkeepingFailure("could not create the migration tables " + tables.version() + " and "
                                + tables.history(), e, "check that this user may create tables in schema "
                                + tables.schema() + ", or create them once as an owner");
                    }
                }
            }
        }
    }

    @Override
    public DatabaseState readState() {
        return new StateReader(c, tables).read();
    }

    /** The whole history table, oldest first; empty when it does not exist. */
    public List<HistoryRow> history() {
        return new StateReader(c, tables).history();
    }

    /**
     * A transaction of a multi-step change that took ACCESS EXCLUSIVE and records nothing commits without waiting for
     * its WAL to reach disk ({@code SET LOCAL synchronous_commit = off}): the lock is released at commit, and while
     * the commit waits for a flush behind other I/O (a backfill's WAL, a checkpoint) every write to the table queues
     * behind it; traced as the 100-250 ms write spikes at the ACCESS EXCLUSIVE steps of an online change under I/O
     * load. Nothing is lost: the step's bookkeeping, and any later synchronous commit, flush this WAL first, and a
     * crash before that leaves the revision unrecorded (or partial at a durably recorded count), to run again.
     */
    private void commitWithoutWaitingWhileLocked(List<dev.strata.plan.Statement> statements) throws SQLException {
        if (statements.stream().anyMatch(st -> st.hazards().contains(dev.strata.plan.Hazard.ACCESS_EXCLUSIVE_LOCK))) {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
        }
    }

    @Override
    public void runInTransaction(List<dev.strata.plan.Statement> statements, Bookkeeping b) {
        runInTransaction(statements, List.of(), b);
    }

    @Override
    public void runInTransaction(List<dev.strata.plan.Statement> statements, List<dev.strata.plan.Statement> checks,
                                 Bookkeeping b) {
        runInTransaction(statements, checks, b, List.of(), null);
    }

    /**
     * Reads the sizes before in the round trip of the first statement when that one is sent on its own (not in a
     * batch), inside the transaction just before it: in a 1,000-revision downgrade, whose every step drops a table,
     * their own round trip (and the query's planning) had been a fifth of the run.
     */
    @Override
    public void runInTransaction(List<dev.strata.plan.Statement> statements, List<dev.strata.plan.Statement> checks,
                                 Bookkeeping b, java.util.Collection<String> measure,
                                 java.util.function.Consumer<java.util.Map<String, RelationBytes>> before) {
        captureBaseline();
        committed = true;
        if (b != null) {
            prepareBookkeeping();
        }
        boolean[] joinable = Pipelining.joinable(statements);
        // the first statement carries the sizes query when it is sent alone (not in a batch)
        String sizes = before == null || statements.isEmpty() || joinable.length > 1 && joinable[0] && joinable[1]
                ? null : sizesQuery(measure);
        if (before != null && sizes == null) {
            before.accept(sizesOrNone(measure));
        }
        beginTransaction();
        try {
            long t0 = System.nanoTime();
            long rowsBefore = rowsAffected;
            int buildsBefore = indexBuilds.size();
            int warningsBefore = warnings.size();
            try {
                runStatements(statements, joinable, sizes, before);
            } catch (BatchFailed e) {
                // a batch does not say which of its statements failed: undo it and run them one by one, which does
                rollback(e.cause);
                rowsAffected = rowsBefore;
                indexBuilds.subList(buildsBefore, indexBuilds.size()).clear();
                warnings.subList(warningsBefore, warnings.size()).clear();
                t0 = System.nanoTime();
                try {
                    runStatements(statements, new boolean[statements.size()], null, null);
                } catch (BatchFailed impossible) {
                    throw new IllegalStateException(impossible.cause);
                }
            }
            long statementsMs = (System.nanoTime() - t0) / 1_000_000;
            if (!checks.isEmpty()) {
                settingsTouched = true; // the checks are queries, which may call anything
                try {
                    new Checks(c).run(checks);
                } catch (VerificationFailedException e) {
                    rollback(null);
                    throw e;
                }
            }
            if (b == null) {
                try {
                    commitWithoutWaitingWhileLocked(statements);
                    c.commit();
                } catch (SQLException e) {
                    throw commitFailed(statements, null, e);
                }
                return;
            }
            // the contract: a negative time means "the time the statements took"
            HistoryEntry e = b.entry().executionMs() < 0 ? b.entry().withExecutionMs(statementsMs) : b.entry();
            HistoryEntry entry = b.withEntry(e).finalEntry();
            // bookkeeping ends a step: the revision's own SETs end with it, inside its transaction, then COMMIT
            boolean restoring = needsRestore();
            try {
                PreparedStatement p = finishing(restoring);
                int first = 1;
                if (restoring) {
                    baseline.bind(p, 1);
                    first = 4;
                    restores++;
                }
                bind(p, first, b, entry);
                boolean rows = p.execute();
                if (restoring && rows) {
                    try (ResultSet rs = p.getResultSet()) {
                        baseline.read(rs);
                    }
                }
                if (restoring) {
                    settingsTouched = false;
                }
            } catch (SQLException ex) {
                if (!PgErrors.isConnectionLost(ex) && transactionEnded()) {
                    // the bookkeeping ran and the COMMIT failed (a deferred constraint), which ended the transaction
                    throw commitFailed(statements, b, ex);
                }
                rollback(ex);
                throw bookkeepingFailure("could not record " + describe(entry) + " in " + tables.history(), ex,
                        "its statements were rolled back; fix the cause and run again");
            }
        } finally {
            endTransaction();
        }
    }

    /** A batch of joinable statements failed; which one is unknown. */
    private static final class BatchFailed extends Exception {
        private final SQLException cause;

        BatchFailed(SQLException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    /**
     * Runs a transaction's statements in order, each run of two or more {@code joinable} ones as one batch (one round
     * trip); a failing statement run alone rolls back and throws {@link StatementFailedException} with its index.
     * {@code sizes} (null: none), a query the first statement carries when it is sent alone, and {@code before}, who
     * gets what it reads.
     */
    private void runStatements(List<dev.strata.plan.Statement> statements, boolean[] joinable, String sizes,
                               java.util.function.Consumer<java.util.Map<String, RelationBytes>> before)
            throws BatchFailed {
        int i = 0;
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            while (i < statements.size()) {
                int end = i;
                while (end < statements.size() && joinable[end]) {
                    end++;
                }
                if (end - i >= 2) {
                    runBatch(s, statements.subList(i, end));
                    i = end;
                    continue;
                }
                if (i == 0 && sizes != null) {
                    executeAfterSizes(s, sizes, statements.get(i).sql(), before);
                } else {
                    execute(s, statements.get(i).sql());
                }
                collectWarnings(s);
                i++;
            }
        } catch (SQLException e) {
            rollback(e);
            throw new StatementFailedException(i, e.getSQLState(), PgErrors.describe(e), e);
        }
    }

    /**
     * Sends {@code sizes} and {@code sql} in one round trip and hands the sizes to {@code before} (none on a failure).
     * A failure is the statement's: the query cannot fail where the statement, which names the same relations, would
     * not (a schema without USAGE fails both).
     */
    private void executeAfterSizes(Statement s, String sizes, String sql,
                                   java.util.function.Consumer<java.util.Map<String, RelationBytes>> before)
            throws SQLException {
        java.util.Map<String, RelationBytes> read = new java.util.HashMap<>();
        try {
            execute(s, sizes, sql, () -> {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        read.put(rs.getString(1), new RelationBytes(rs.getString(2), rs.getLong(3)));
                    }
                }
                s.getMoreResults();
            });
        } finally {
            before.accept(read);
        }
    }

    /**
     * Sends {@code batch} in one round trip. Its index builds (on tables the batch itself created, so empty) are
     * recorded with the batch's time, an upper bound of theirs.
     */
    private void runBatch(Statement s, List<dev.strata.plan.Statement> batch) throws SQLException, BatchFailed {
        for (dev.strata.plan.Statement st : batch) {
            s.addBatch(st.sql());
        }
        long t0 = System.nanoTime();
        try {
            s.executeBatch();
        } catch (SQLException e) {
            s.clearBatch();
            if (PgErrors.isConnectionLost(e)) {
                throw e;
            }
            throw new BatchFailed(e.getNextException() != null ? e.getNextException() : e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        collectWarnings(s);
        for (dev.strata.plan.Statement st : batch) {
            String index = indexBuilt(st.sql());
            if (index != null) {
                indexBuilds.add(new dev.strata.run.StepMetrics.IndexBuild(index, ms));
            }
        }
    }

    /** A failed COMMIT: the transaction is gone (rolled back by the server). */
    private RuntimeException commitFailed(List<dev.strata.plan.Statement> statements, Bookkeeping b, SQLException e) {
        rollback(e);
        if (statements.isEmpty() || PgErrors.isConnectionLost(e)) {
            return connectionLost("committing " + (b == null ? "a transaction" : describe(b.entry())), e);
        }
        // a deferred constraint checked at COMMIT: blame the last statement, the closest we can name
        return new StatementFailedException(statements.size() - 1, e.getSQLState(), "at COMMIT: " + PgErrors.describe(e), e);
    }

    /** Whether the session is outside any transaction block (pgjdbc's record of the server's last ReadyForQuery). */
    private boolean transactionEnded() {
        try {
            return c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                    == org.postgresql.core.TransactionState.IDLE;
        } catch (SQLException e) {
            return false;
        }
    }

    /** How many times this target put the session's settings back. */
    long restores() {
        return restores;
    }

    /** Whether the settings must be put back before the bookkeeping: a step may have changed one. */
    private boolean needsRestore() {
        return baseline.held() && (settingsTouched || baseline.eventTriggers());
    }

    /** The prepared bookkeeping-and-COMMIT statement, with the settings' restore in front when {@code restoring}. */
    private PreparedStatement finishing(boolean restoring) throws SQLException {
        // the text is made only when the statement is prepared: once per run, not once per step
        if (restoring) {
            if (finishRestoring == null) {
                finishRestoring = c.prepareStatement(SessionBaseline.RESTORE + ";\n" + tables.bookkeepingStatement()
                        + ";\nCOMMIT");
            }
            return finishRestoring;
        }
        if (finish == null) {
            finish = c.prepareStatement(tables.bookkeepingStatement() + ";\nCOMMIT");
        }
        return finish;
    }

    /** Runs a revision's verification in a transaction of its own, rolled back afterwards. */
    @Override
    public void verify(List<dev.strata.plan.Statement> checks) {
        if (checks.isEmpty()) {
            return;
        }
        captureBaseline();
        beginTransaction();
        try {
            new Checks(c).run(checks);
        } finally {
            rollback(null);
            endTransaction();
        }
    }

    /** Runs one statement, adding its update count to the stats and timing it when it builds an index. */
    private void execute(Statement s, String sql) throws SQLException {
        execute(s, null, sql, null);
    }

    /**
     * A step's statement, after {@code query} (null: none) in the same round trip, whose results {@code read} takes
     * before the statement's own.
     */
    private void execute(Statement s, String query, String sql, SqlAction read) throws SQLException {
        if (!settingsTouched && dev.strata.lint.StatementShape.of(sql).mayChangeSettings()) {
            settingsTouched = true;
        }
        String index = indexBuilt(sql);
        long t0 = System.nanoTime();
        s.execute(query == null ? sql : query + ";\n" + sql);
        if (query != null) {
            read.run();
        }
        long count = s.getLargeUpdateCount();
        if (count > 0) {
            rowsAffected += count;
        }
        if (index != null) {
            indexBuilds.add(new dev.strata.run.StepMetrics.IndexBuild(index, (System.nanoTime() - t0) / 1_000_000));
        }
    }

    private static String indexBuilt(String sql) {
        // cheap test first: most statements are not index builds
        if (!sql.regionMatches(true, 0, "create", 0, 6) && !sql.regionMatches(true, 0, "do", 0, 2)) {
            return null;
        }
        if (!sql.toLowerCase(java.util.Locale.ROOT).contains("index")) {
            return null;
        }
        return dev.strata.lint.StatementShape.of(sql).indexBuilt();
    }

    @Override
    public StatementStats takeStats() {
        StatementStats out = rowsAffected == 0 && indexBuilds.isEmpty() ? StatementStats.NONE
                : new StatementStats(rowsAffected, indexBuilds);
        rowsAffected = 0;
        indexBuilds.clear();
        return out;
    }

    /**
     * The sizes of relations by name: to_regclass applies SQL's quoting and case folding to each name; a name that is
     * no relation reads as null. The names come from the parameter or, in {@link #sizesQuery}, the array literal.
     */
    private static final String SIZES = "SELECT n.name, CASE c.relkind WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'"
            + " WHEN 'm' THEN 'materialized view' ELSE 'table' END, CASE WHEN c.relkind IN ('i', 'I')"
            + " THEN pg_relation_size(c.oid) ELSE pg_total_relation_size(c.oid) END"
            + " FROM unnest(%s::text[]) AS n(name) JOIN pg_class c ON c.oid = to_regclass(n.name)"
            + " WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I', 't')";

    /** Only names of a form to_regclass reads without raising (an error would abort the step's transaction). */
    private static List<String> readable(java.util.Collection<String> names) {
        return names.stream().filter(n -> RELATION_NAME.matcher(n).matches()).toList();
    }

    /**
     * {@link #SIZES} with the names in a literal, for a plain statement sent with another; null when there are none, or
     * when a name holds a quote or a backslash (those are read on their own, with a parameter).
     */
    private static String sizesQuery(java.util.Collection<String> names) {
        List<String> valid = readable(names);
        if (valid.isEmpty() || valid.stream().anyMatch(n -> n.indexOf('\'') >= 0 || n.indexOf('\\') >= 0)) {
            return null;
        }
        StringBuilder array = new StringBuilder("ARRAY[");
        for (int i = 0; i < valid.size(); i++) {
            array.append(i == 0 ? "'" : ", '").append(valid.get(i)).append('\'');
        }
        return String.format(SIZES, array.append(']'));
    }

    @Override
    public java.util.Map<String, RelationBytes> relationSizes(java.util.Collection<String> names) {
        List<String> valid = readable(names);
        if (valid.isEmpty()) {
            return java.util.Map.of();
        }
        try (PreparedStatement p = c.prepareStatement(String.format(SIZES, "?"))) {
            p.setArray(1, c.createArrayOf("text", valid.toArray()));
            java.util.Map<String, RelationBytes> out = new java.util.HashMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new RelationBytes(rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StatementFailedException(0, e.getSQLState(), "could not read the sizes of " + names + ": "
                    + PgErrors.describe(e), e);
        }
    }

    @Override
    public void runEach(List<dev.strata.plan.Statement> statements) {
        captureBaseline();
        committed = true;
        int i = 0;
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            for (; i < statements.size(); i++) {
                execute(s, statements.get(i).sql());
                collectWarnings(s);
            }
        } catch (SQLException e) {
            throw new StatementFailedException(i, e.getSQLState(), PgErrors.describe(e), e);
        }
    }

    /** Keeps the WARNINGs (SQLSTATE 01000) of Strata's own checks, which start {@code strata: }. */
    private void collectWarnings(Statement s) throws SQLException {
        for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
            String m = w.getMessage();
            if ("01000".equals(w.getSQLState()) && m != null && m.startsWith("strata: ")) {
                warnings.add(m.substring("strata: ".length()));
            }
        }
        s.clearWarnings();
    }

    @Override
    public List<String> takeWarnings() {
        List<String> out = List.copyOf(warnings);
        warnings.clear();
        return out;
    }

    @Override
    public long runBackfill(Backfill backfill, java.util.function.Consumer<BackfillProgress> progress) {
        captureBaseline();
        committed = true;
        settingsTouched = true; // its UPDATEs fire triggers
        return CopySwapRunner.run(c, backfill, progress, monitor);
    }

    @Override
    public long rowsUpTo(String table, long limit) {
        try {
            String resolved = regclass(table);
            if (resolved == null) {
                return 0;
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT FROM " + resolved + " LIMIT " + limit + ") s")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StatementFailedException(0, e.getSQLState(), "could not count the rows of " + table
                    + " for a deferred index build: " + PgErrors.describe(e), e);
        }
    }

    @Override
    public boolean indexExists(String index) {
        // an INVALID index (a concurrent or per-chunk build that failed part way) does not count: the build is
        // still to do, and the runner drops the leftover before building again
        try (PreparedStatement p = c.prepareStatement("SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(?)")) {
            p.setString(1, index);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StatementFailedException(0, e.getSQLState(), "could not look up index " + index + ": "
                    + PgErrors.describe(e), e);
        }
    }

    /** The relation as the catalog quotes it, or null when it does not exist (to_regclass: no text is concatenated). */
    private String regclass(String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?)::text")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Override
    public boolean dropInvalidIndex(String name) {
        // to_regclass applies SQL's quoting and case folding to the name as written; regclass::text gives it
        // back quoted and schema-qualified as needed, so nothing is concatenated from user text
        String find = "SELECT i.indexrelid::regclass::text FROM pg_index i"
                + " WHERE i.indexrelid = to_regclass(?) AND NOT i.indisvalid";
        try (PreparedStatement p = c.prepareStatement(find)) {
            p.setString(1, name);
            String invalid;
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                invalid = rs.getString(1);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + invalid);
            } catch (SQLException e) {
                if (!"0A000".equals(e.getSQLState())) {
                    throw e;
                }
                // a hypertable's index: TimescaleDB drops the chunks' indexes with it, which CONCURRENTLY refuses
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX IF EXISTS " + invalid);
                }
            }
            return true;
        } catch (SQLException e) {
            throw new StatementFailedException(0, e.getSQLState(),
                    "could not drop the INVALID index " + name + " left by an earlier failed build: " + PgErrors.describe(e), e);
        }
    }

    @Override
    public void record(Bookkeeping b) {
        // one statement in autocommit mode is a transaction of its own; the session's settings first return to
        // what they were when the step started, so that a revision's SETs last for that revision only
        committed = true;
        Objects.requireNonNull(b, "bookkeeping");
        prepareBookkeeping();
        try {
            if (needsRestore()) {
                baseline.restore();
                settingsTouched = false;
                restores++;
            }
            bind(b, b.finalEntry()).executeUpdate();
        } catch (SQLException e) {
            throw bookkeepingFailure("could not record " + describe(b.entry()) + " in " + tables.history(), e,
                    "fix the cause, then record it with strata stamp or strata repair");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!c.isClosed()) {
                flushDeferred();
                lock.release();
            }
        } catch (SQLException e) {
            // closing the connection below ends the session, which frees a session-level lock anyway
        }
        try {
            for (PreparedStatement p : new PreparedStatement[] {bookkeeping, finish, finishRestoring}) {
                if (p != null) {
                    p.close();
                }
            }
            c.close();
        } catch (SQLException e) {
            // nothing useful left to do with a connection that fails to close
        }
    }

    /**
     * Before the first bookkeeping of this session: a history table made before the {@code details} column existed
     * gets it (outside any transaction, under the migration lock the runner holds).
     */
    private void prepareBookkeeping() {
        if (detailsColumnChecked) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid ="
                + " to_regclass(?) AND attname = 'details' AND NOT attisdropped), to_regclass(?) IS NOT NULL")) {
            p.setString(1, tables.history());
            p.setString(2, tables.history());
            boolean has;
            boolean exists;
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                has = rs.getBoolean(1);
                exists = rs.getBoolean(2);
            }
            if (exists && !has) {
                try (Statement s = c.createStatement()) {
                    s.execute(tables.addDetailsColumn());
                }
            }
            detailsColumnChecked = true;
        } catch (SQLException e) {
            throw bookkeepingFailure("could not add the details column to " + tables.history(), e,
                    "let this user alter the table, or add it once as its owner: " + tables.addDetailsColumn());
        }
    }

    private PreparedStatement bind(Bookkeeping b, HistoryEntry e) throws SQLException {
        if (bookkeeping == null) {
            bookkeeping = c.prepareStatement(tables.bookkeepingStatement());
        }
        bind(bookkeeping, 1, b, e);
        return bookkeeping;
    }

    /** Binds the bookkeeping statement's fourteen parameters, from {@code first} on. */
    private void bind(PreparedStatement p, int first, Bookkeeping b, HistoryEntry e) throws SQLException {
        int i = first;
        p.setArray(i++, c.createArrayOf("text", ids(b.removeHeads())));
        p.setArray(i++, c.createArrayOf("text", ids(b.addHeads())));
        p.setString(i++, e.revision());
        p.setString(i++, e.action().sql());
        p.setString(i++, e.message());
        p.setString(i++, e.checksum());
        String started = utcText(e.startedAt());
        if (started != null) {
            p.setString(i++, started);
        } else {
            p.setObject(i++, OffsetDateTime.ofInstant(e.startedAt(), ZoneOffset.UTC));
        }
        p.setLong(i++, e.executionMs());
        p.setString(i++, toolVersion);
        p.setString(i++, e.status().sql());
        p.setString(i++, e.error());
        p.setInt(i++, e.statementsRun());
        p.setInt(i++, e.statementsTotal());
        p.setString(i, e.details());
    }

    // The first and last instants utcText writes as text (years 1 to 9999): 0001-01-01T00:00:00Z and
    // 9999-12-31T23:59:59.999999Z, made from numbers (parsing text loaded DateTimeFormatter's parser at every start)
    private static final java.time.Instant FIRST = java.time.Instant.ofEpochSecond(-62_135_596_800L);
    private static final java.time.Instant LAST = java.time.Instant.ofEpochSecond(253_402_300_799L, 999_999_000);

    /**
     * {@code t} rounded to microseconds as pgjdbc rounds, as ISO-8601 text in UTC ({@link java.time.Instant#toString}:
     * {@code 2026-01-02T03:04:05.123456Z}), or null for a year outside 1-9999. Binding this text
     * costs a fraction of binding an {@link OffsetDateTime}, whose conversion in pgjdbc was an eighth of the client's
     * time per revision (a JFR profile of a 1,000-revision apply); the statement casts it ({@code ?::timestamptz}),
     * and an ISO date with an offset reads the same under every DateStyle and TimeZone. The fraction always has six
     * digits (where {@code Instant.toString} writes three, six or none).
     */
    static String utcText(java.time.Instant t) {
        java.time.Instant micros = t.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (micros.isBefore(FIRST) || micros.isAfter(LAST)) {
            return null;
        }
        // written digit by digit, always with six decimals: Instant.toString goes through DateTimeFormatter, which was
        // half of the bookkeeping's binding per revision (a perf profile of a 1,000-revision apply)
        long seconds = micros.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        char[] out = new char[27];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, micros.getNano() / 1000, 6);
        out[26] = 'Z';
        return new String(out);
    }

    /** Writes {@code value} into {@code out} at {@code at} as {@code width} decimal digits, zero-padded. */
    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private void captureBaseline() {
        try {
            baseline.capture();
        } catch (SQLException e) {
            throw connectionLost("reading the session's settings", e);
        }
    }

    private static Object[] ids(List<RevisionId> ids) {
        Object[] out = new Object[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i).value();
        }
        return out;
    }

    private void beginTransaction() {
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw connectionLost("starting a transaction", e);
        }
    }

    private void endTransaction() {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw connectionLost("ending a transaction", e);
        }
    }

    private void rollback(SQLException cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    private static String describe(HistoryEntry e) {
        return e.action().sql() + " of revision " + e.revision();
    }

    private StrataException bookkeepingFailure(String what, SQLException e, String next) {
        if (PgErrors.isConnectionLost(e)) {
            return connectionLost(what.replaceFirst("^could not ", "trying to "), e);
        }
        return new StrataException(ErrorCode.BOOKKEEPING_FAILED, what + ": " + PgErrors.describe(e) + "; " + next, e);
    }

    private StrataException connectionLost(String doing, SQLException e) {
        return new StrataException(ErrorCode.CONNECTION_FAILED, "lost the database connection while " + doing + ": "
                + PgErrors.describe(e) + "; check the server and run again", e);
    }

    /**
     * Watches concurrent index builds from second sessions that {@code connections} opens (one per build, closed
     * after it), reporting {@code pg_stat_progress_create_index} every {@code interval}; returns this target. A
     * copy-and-swap backfill also reads its rows on such a session while it writes them on this one.
     */
    public JdbcTarget withIndexProgress(java.util.function.Supplier<Connection> connections, Duration interval) {
        this.monitor = connections;
        this.progressInterval = Objects.requireNonNull(interval, "interval");
        return this;
    }

    @Override
    public void runIndexBuild(dev.strata.plan.Statement statement, Consumer<IndexProgress> progress) {
        if (monitor == null) {
            runEach(List.of(statement));
            return;
        }
        try (IndexProgressMonitor m = new IndexProgressMonitor(monitor, backendPid(), progressInterval, progress)) {
            runEach(List.of(statement));
        }
    }

    /** The backend pid of this target's session (for messages and tests). */
    public int backendPid() {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw connectionLost("reading the backend pid", e);
        }
    }
}
