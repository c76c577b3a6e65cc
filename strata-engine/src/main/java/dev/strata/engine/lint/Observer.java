package dev.strata.engine.lint;

import dev.strata.engine.Workspace;
import dev.strata.engine.lint.Catalog.Rel;
import dev.strata.engine.schema.ScratchDb;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;
import dev.strata.lint.LockLevel;
import dev.strata.lint.StatementObservation;
import dev.strata.lint.StatementObservation.SchemaChange;
import dev.strata.lint.StatementObservation.TableLock;
import dev.strata.plan.Tx;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.script.MigrationScript;
import dev.strata.script.SqlMigration;
import dev.strata.sql.SqlStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Observed analysis: replays the chain on one scratch database, in chain order, up to the last revision to lint.
 * Revisions not linted are applied as they are; before each linted one, every empty table gets a few sample rows
 * ({@link SampleRows}); then its upgrade statements run one by one, each inside a transaction of its own so that
 * the locks it took are still held when pg_locks is read (statements PostgreSQL runs only outside a transaction
 * run in autocommit and are judged by relfilenode and pg_index alone). Before and after each statement the
 * relations' relfilenodes and index validity are compared.
 */
final class Observer {
    private static final Pattern TX_CONTROL = Pattern.compile("(?is)\\s*(begin|start\\s+transaction|commit|end|rollback|abort)\\b\\s*(transaction|work)?\\s*;?\\s*");
    private static final String LOCKS = "SELECT l.relation, l.mode FROM pg_locks l WHERE l.pid = pg_backend_pid() "
            + "AND l.locktype = 'relation' AND l.granted AND l.database = (SELECT oid FROM pg_database "
            + "WHERE datname = current_database())";
    /**
     * As {@link #LOCKS}, plus a row with relation 0 when the transaction was given an xid (it wrote something): a
     * SELECT or DO that wrote nothing changed no schema.
     */
    private static final String LOCKS_AND_XID = "SELECT coalesce(l.relation, 0), l.mode FROM pg_locks l "
            + "WHERE l.pid = pg_backend_pid() AND l.granted AND (l.locktype = 'transactionid' "
            + "OR l.locktype = 'relation' AND l.database = (SELECT oid FROM pg_database "
            + "WHERE datname = current_database()))";
    private static final String NOT_IN_TRANSACTION = "25001";
    private static final Pattern CREATE_EXTENSION = Pattern.compile("(?is)\\s*create\\s+extension\\b.*");
    /** TRUNCATE gives the table a new relfilenode without copying anything: not a rewrite. */
    private static final Pattern TRUNCATE = Pattern.compile("(?is)\\s*truncate\\b.*");

    private final Workspace ws;
    private final Connection c;
    private final SampleRows samples;
    /** The schema change of each statement (the differ's ops), or null when not recorded (fixtures). */
    private final SchemaChanges changes;
    private boolean timescale;
    /** The schema changes being diffed, by the index of their observation in the output. */
    private final Map<Integer, java.util.concurrent.CompletableFuture<List<SchemaChange>>> pending = new HashMap<>();
    /** The probes after each statement, prepared on the session. */
    private final Catalog.Probes probes;
    /** The catalog after the last observed statement; null when something else ran since. */
    private Catalog last;

    private Observer(Workspace ws, Connection c, SampleRows samples, SchemaChanges changes) {
        this.ws = ws;
        this.c = c;
        this.samples = samples;
        this.changes = changes;
        this.probes = new Catalog.Probes(c, LOCKS_AND_XID);
    }

    /**
     * @param linted     the revisions to observe (the others up to the last of them are only applied)
     * @param sampleFrom a database to copy sample rows from, or empty to generate them
     */
    static List<StatementObservation> observe(Workspace ws, ScratchDb db, Collection<RevisionId> linted,
                                              Optional<Connection> sampleFrom) {
        MigrationSet set = ws.migrations();
        List<Revision> order = new ArrayList<>(set.graph().all());
        int last = -1;
        for (int i = 0; i < order.size(); i++) {
            if (linted.contains(order.get(i).id())) {
                last = i;
            }
        }
        List<StatementObservation> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                // a throw-away database: a commit need not wait for the WAL flush (one commit per statement)
                s.execute("SET synchronous_commit = off");
            }
            Observer o = new Observer(ws, c, new SampleRows(c, sampleFrom, 3), changes(ws, c));
            try {
                for (int i = 0; i <= last; i++) {
                    Revision r = order.get(i);
                    MigrationScript script = set.script(r.id());
                    if (linted.contains(r.id()) && script instanceof SqlMigration m) {
                        o.observe(m, out);
                    } else {
                        o.apply(script);
                    }
                }
                o.withChanges(out);
            } finally {
                if (o.changes != null) {
                    o.changes.close();
                }
            }
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "observed lint on scratch database " + db.name()
                    + " failed: " + e.getMessage() + "; lint with --static to skip the observation", e);
        }
        return out;
    }

    /** The schema-change reader, or null when {@code [lint] observe_changes = false}. */
    private static SchemaChanges changes(Workspace ws, Connection c) {
        return LintConfig.observeChanges(ws.settings().configFile()) ? new SchemaChanges(c) : null;
    }

    /** Applies a revision that is not linted, statement by statement in autocommit. */
    private void apply(MigrationScript script) throws SQLException {
        last = null;
        if (changes != null) {
            changes.forget();
        }
        for (dev.strata.plan.Statement st : script.upgradePlan()) {
            if (st.sql().isBlank() || TX_CONTROL.matcher(st.sql()).matches()) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute(st.sql());
            } catch (SQLException e) {
                missingExtension(script.location(), st.sql(), e);
                throw new StrataException(ErrorCode.STATEMENT_FAILED, script.location() + ": replaying it on the scratch"
                        + " database failed: " + oneLine(e) + "; fix the revision, or lint with --static", e);
            }
            noteTimescale(st.sql());
            if (st.tx() == Tx.BATCHED) {
                ws.notice(RunEvent.Notice.Level.DEBUG, script.location() + ": a batched backfill ran once on the scratch database");
            }
        }
    }

    /**
     * Observes the upgrade of {@code m} on {@code c} as {@link #observe} does, committing each statement, without
     * sample rows (for fixtures on a prepared database).
     */
    static List<StatementObservation> observeCommitting(Connection c, SqlMigration m) throws SQLException {
        List<StatementObservation> out = new ArrayList<>();
        new Observer(null, c, null, null).observe(m, out);
        return out;
    }

    private void observe(SqlMigration m, List<StatementObservation> out) throws SQLException {
        if (last == null) {
            last = Catalog.read(c, timescale);
        }
        if (samples != null) {
            samples.fill(last);  // inserting rows changes no relfilenode: the catalog read stays valid
        }
        if (changes != null) {
            changes.before();
        }
        Catalog start = last;
        Catalog before = start;
        boolean failed = false;
        Map<String, TableLock> held = new LinkedHashMap<>();
        for (SqlStatement st : m.upgrade()) {
            if (TX_CONTROL.matcher(st.sql()).matches()) {
                continue;
            }
            String error = null;
            boolean locksSeen = true;
            Map<Long, LockLevel> locks = new LinkedHashMap<>();
            Set<Long> locked = new HashSet<>();
            boolean[] wrote = {false};
            boolean ran = false;
            Catalog after;
            probes.prepare(timescale);
            c.setAutoCommit(false);
            try {
                // the statement, its locks, whether it wrote, the relations it locked, and the commit: one round trip
                after = Catalog.runAndRead(c, st.sql(), before, timescale, probes, (oid, mode) -> {
                    if (oid == 0) {
                        wrote[0] = true;
                        return;
                    }
                    locked.add(oid);
                    LockLevel l = LockLevel.fromPgLocks(mode);
                    if (l != null) {
                        locks.merge(oid, l, LockLevel::stronger);
                    }
                });
                ran = true;
                c.commit();
                if (noteTimescale(st.sql())) {
                    after = Catalog.read(c, true);  // chunks are named by their hypertable from now on
                }
            } catch (SQLException e) {
                c.rollback();
                if (NOT_IN_TRANSACTION.equals(e.getSQLState())) {
                    locksSeen = false;
                    if (m.transactional()) {
                        error = "PostgreSQL refuses it inside a transaction, and the revision is transactional";
                    }
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        s.execute(st.sql());
                        ran = true;
                    } catch (SQLException again) {
                        error = error == null ? oneLine(again) : error;
                    }
                } else {
                    missingExtension(m.location(), st.sql(), e);
                    error = oneLine(e);
                }
                noteTimescale(st.sql());
                after = Catalog.read(c, timescale);
            } finally {
                c.setAutoCommit(true);
            }
            StatementObservation seen = observation(m.location(), st, start, before, after, locks, locksSeen, error,
                    new ArrayList<>(held.values()));
            if (changes != null) {
                // a statement that failed in autocommit may still have changed the schema (a CONCURRENTLY build
                // leaves an INVALID index behind); one that failed in a transaction was rolled back
                boolean read = (ran || !locksSeen) && SchemaChanges.mayChange(st.sql(), locksSeen ? wrote[0] : null);
                if (read) {
                    pending.put(out.size(), changes.after(st.sql(), locksSeen ? locked : null));
                } else {
                    seen = withChanges(seen, List.of(), false);
                }
            }
            out.add(seen);
            if (m.transactional()) {
                for (TableLock l : seen.locks()) {
                    held.merge(l.table(), l, (a, b) -> new TableLock(a.table(), LockLevel.stronger(a.mode(), b.mode()),
                            a.existing() || b.existing()));
                }
            }
            failed |= error != null;
            before = after;
        }
        last = before;
        if (failed && ws != null) {
            ws.notice(RunEvent.Notice.Level.DEBUG, m.location() + ": a statement failed on the scratch database; the"
                    + " statements after it ran on what was there");
        }
    }

    /**
     * A CREATE EXTENSION the scratch server cannot run (the extension is not installed there, as TimescaleDB is not
     * in the embedded PostgreSQL) says nothing about the revision: the observation stops, naming the extension.
     */
    private static void missingExtension(String file, String sql, SQLException e) {
        if (CREATE_EXTENSION.matcher(sql).matches() && ("58P01".equals(e.getSQLState())
                || "0A000".equals(e.getSQLState()))) {
            throw new StrataException(ErrorCode.STATEMENT_FAILED, file + ": the scratch server cannot install an"
                    + " extension the revisions use (" + oneLine(e) + "); pass --dev-url with a server that has it,"
                    + " or lint with --static", e);
        }
    }

    /** The observations of {@code out} that {@link #pending} holds, with their schema changes (waits for them). */
    private void withChanges(List<StatementObservation> out) {
        for (Map.Entry<Integer, java.util.concurrent.CompletableFuture<List<SchemaChange>>> e : pending.entrySet()) {
            out.set(e.getKey(), withChanges(out.get(e.getKey()), SchemaChanges.joined(e.getValue()), true));
        }
        pending.clear();
    }

    private static StatementObservation withChanges(StatementObservation o, List<SchemaChange> ops, boolean read) {
        return new StatementObservation(o.file(), o.line(), o.excerpt(), o.locksSeen(), o.locks(), o.heldBefore(),
                o.rewritten(), o.invalidIndexes(), o.created(), o.dropped(), o.error(), ops, read);
    }

    /** TimescaleDB's catalog is read (to name chunks by their hypertable) once a statement has installed it. */
    private boolean noteTimescale(String sql) throws SQLException {
        if (!timescale && sql.toLowerCase(java.util.Locale.ROOT).contains("timescaledb")) {
            timescale = Catalog.hasTimescale(c);
            return timescale;
        }
        return false;
    }

    /**
     * Observes {@code statements} inside the caller's open transaction on {@code c}, each in a savepoint, for
     * fixtures that must leave nothing behind (the caller rolls back). Locks taken by earlier statements are still
     * held (they are the observation's {@code heldBefore}), so a statement is credited with the (table, mode) pairs
     * it added; a statement PostgreSQL refuses inside a transaction is recorded as failed.
     */
    static List<StatementObservation> observeInTransaction(Connection c, String file, List<SqlStatement> statements)
            throws SQLException {
        Observer o = new Observer(null, c, null, null);
        boolean timescale = Catalog.hasTimescale(c);
        Catalog start = Catalog.read(c, timescale);
        Catalog before = start;
        List<StatementObservation> out = new ArrayList<>();
        Map<Long, java.util.EnumSet<LockLevel>> held = o.heldModes();
        for (SqlStatement st : statements) {
            String error = null;
            Map<Long, LockLevel> added = new LinkedHashMap<>();
            Map<Long, java.util.EnumSet<LockLevel>> heldAtStart = new HashMap<>(held);
            try (Statement s = c.createStatement()) {
                s.execute("SAVEPOINT strata_observe");
                try {
                    s.execute(st.sql());
                    Map<Long, java.util.EnumSet<LockLevel>> now = o.heldModes();
                    now.forEach((oid, modes) -> modes.forEach(m -> {
                        if (!held.getOrDefault(oid, java.util.EnumSet.noneOf(LockLevel.class)).contains(m)) {
                            added.merge(oid, m, LockLevel::stronger);
                        }
                    }));
                    held.clear();
                    held.putAll(now);
                    s.execute("RELEASE SAVEPOINT strata_observe");
                } catch (SQLException e) {
                    s.execute("ROLLBACK TO SAVEPOINT strata_observe");
                    error = oneLine(e);
                }
            }
            Catalog after = Catalog.read(c, timescale || Catalog.hasTimescale(c));
            List<TableLock> heldBefore = new ArrayList<>();
            for (Map.Entry<Long, LockLevel> e : strongest(heldAtStart).entrySet()) {
                Rel r = before.byOid.get(e.getKey());
                if (r != null && r.isTable() && !r.internal()) {
                    heldBefore.add(new TableLock(r.name(), e.getValue(), start.byOid.containsKey(e.getKey())));
                }
            }
            out.add(observation(file, st, start, before, after, added, true, error, heldBefore));
            before = after;
        }
        return out;
    }

    private static Map<Long, LockLevel> strongest(Map<Long, java.util.EnumSet<LockLevel>> modes) {
        Map<Long, LockLevel> out = new HashMap<>();
        modes.forEach((oid, set) -> set.forEach(m -> out.merge(oid, m, LockLevel::stronger)));
        return out;
    }

    private Map<Long, java.util.EnumSet<LockLevel>> heldModes() throws SQLException {
        Map<Long, java.util.EnumSet<LockLevel>> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LOCKS)) {
            while (rs.next()) {
                LockLevel l = LockLevel.fromPgLocks(rs.getString(2));
                if (l != null) {
                    out.computeIfAbsent(rs.getLong(1), k -> java.util.EnumSet.noneOf(LockLevel.class)).add(l);
                }
            }
        }
        return out;
    }

    private static StatementObservation observation(String file, SqlStatement st, Catalog start, Catalog before,
                                                    Catalog after, Map<Long, LockLevel> locks, boolean locksSeen,
                                                    String error, List<TableLock> heldBefore) {
        // by name: pg_locks lists a backend's locks in no set order, and reports should not change between runs
        Map<String, TableLock> byTable = new java.util.TreeMap<>();
        locks.forEach((oid, mode) -> {
            Rel r = before.byOid.containsKey(oid) ? before.byOid.get(oid) : after.byOid.get(oid);
            if (r != null && r.isTable() && !r.internal()) {
                boolean existing = start.byOid.containsKey(oid);
                byTable.merge(r.name(), new TableLock(r.name(), mode, existing), (a, b) -> new TableLock(a.table(),
                        LockLevel.stronger(a.mode(), b.mode()), a.existing() || b.existing()));
            }
        });
        Set<String> rewritten = new TreeSet<>();
        Set<String> invalid = new TreeSet<>();
        Set<String> created = new TreeSet<>();
        Set<String> dropped = new TreeSet<>();
        Set<String> createdTables = new HashSet<>();
        for (Rel r : after.byOid.values()) {
            Rel old = before.byOid.get(r.oid());
            if (old == null) {
                if (!r.internal() && !(r.name().startsWith("_timescaledb_internal.") || isChunkOfExisting(r, start))) {
                    created.add(r.name());
                }
                if (r.isTable()) {
                    createdTables.add(r.name());
                }
            } else if (r.isTable() && !r.internal() && old.filenode() != 0 && old.filenode() != r.filenode()
                    && start.byOid.containsKey(r.oid()) && !TRUNCATE.matcher(st.sql()).matches()) {
                rewritten.add(r.name());
            }
            if (r.isIndex() && !r.valid() && (old == null || old.valid())) {
                invalid.add(r.name());
            }
        }
        for (Rel r : before.byOid.values()) {
            if (!after.byOid.containsKey(r.oid()) && !r.internal() && !r.name().startsWith("_timescaledb_internal.")
                    && !isChunkOfExisting(r, start)) {
                dropped.add(r.name());
            }
        }
        created.removeIf(n -> !createdTables.contains(n) && dropped.contains(n));
        return new StatementObservation(file, st.line(), excerpt(st.sql()), locksSeen,
                new ArrayList<>(byTable.values()), heldBefore, new ArrayList<>(rewritten), new ArrayList<>(invalid),
                new ArrayList<>(created), new ArrayList<>(dropped), error);
    }

    /** A chunk (named by its hypertable) of a hypertable that existed: not a relation of its own to list. */
    private static boolean isChunkOfExisting(Rel r, Catalog start) {
        return start.names.contains(r.name()) && !start.byOid.containsKey(r.oid());
    }

    static String excerpt(String sql) {
        String flat = sql.replaceAll("\\s+", " ").strip();
        return flat.length() <= 90 ? flat : flat.substring(0, 87) + "...";
    }

    static String oneLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
