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
    private static final String NOT_IN_TRANSACTION = "25001";

    private final Workspace ws;
    private final Connection c;
    private final SampleRows samples;
    private boolean timescale;

    private Observer(Workspace ws, Connection c, SampleRows samples) {
        this.ws = ws;
        this.c = c;
        this.samples = samples;
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
            Observer o = new Observer(ws, c, new SampleRows(c, sampleFrom, 3));
            for (int i = 0; i <= last; i++) {
                Revision r = order.get(i);
                MigrationScript script = set.script(r.id());
                if (linted.contains(r.id()) && script instanceof SqlMigration m) {
                    o.observe(m, out);
                } else {
                    o.apply(script);
                }
            }
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "observed lint on scratch database " + db.name()
                    + " failed: " + e.getMessage() + "; lint with --static to skip the observation", e);
        }
        return out;
    }

    /** Applies a revision that is not linted, statement by statement in autocommit. */
    private void apply(MigrationScript script) throws SQLException {
        for (dev.strata.plan.Statement st : script.upgradePlan()) {
            if (st.sql().isBlank() || TX_CONTROL.matcher(st.sql()).matches()) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute(st.sql());
            } catch (SQLException e) {
                throw new StrataException(ErrorCode.STATEMENT_FAILED, script.location() + ": replaying it on the scratch"
                        + " database failed: " + oneLine(e) + "; fix the revision, or lint with --static", e);
            }
            if (st.tx() == Tx.BATCHED) {
                ws.notice(RunEvent.Notice.Level.DEBUG, script.location() + ": a batched backfill ran once on the scratch database");
            }
        }
    }

    private void observe(SqlMigration m, List<StatementObservation> out) throws SQLException {
        timescale = Catalog.hasTimescale(c);
        samples.fill();
        timescale = Catalog.hasTimescale(c);
        Catalog start = Catalog.read(c, timescale);
        Catalog before = start;
        boolean failed = false;
        for (SqlStatement st : m.upgrade()) {
            if (TX_CONTROL.matcher(st.sql()).matches()) {
                continue;
            }
            String error = null;
            boolean locksSeen = true;
            Map<Long, LockLevel> locks = new LinkedHashMap<>();
            Catalog after;
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(st.sql());
                }
                readLocks(locks);
                timescale = timescale || st.sql().toLowerCase(java.util.Locale.ROOT).contains("timescaledb");
                after = Catalog.read(c, timescale && Catalog.hasTimescale(c));
                c.commit();
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
                    } catch (SQLException again) {
                        error = error == null ? oneLine(again) : error;
                    }
                } else {
                    error = oneLine(e);
                }
                after = Catalog.read(c, timescale && Catalog.hasTimescale(c));
            } finally {
                c.setAutoCommit(true);
            }
            out.add(observation(m.location(), st, start, before, after, locks, locksSeen, error));
            failed |= error != null;
            before = after;
        }
        if (failed) {
            ws.notice(RunEvent.Notice.Level.DEBUG, m.location() + ": a statement failed on the scratch database; the"
                    + " statements after it ran on what was there");
        }
    }

    private void readLocks(Map<Long, LockLevel> out) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LOCKS)) {
            while (rs.next()) {
                LockLevel l = LockLevel.fromPgLocks(rs.getString(2));
                if (l != null) {
                    out.merge(rs.getLong(1), l, LockLevel::stronger);
                }
            }
        }
    }

    private static StatementObservation observation(String file, SqlStatement st, Catalog start, Catalog before,
                                                    Catalog after, Map<Long, LockLevel> locks, boolean locksSeen,
                                                    String error) {
        Map<String, TableLock> byTable = new LinkedHashMap<>();
        locks.forEach((oid, mode) -> {
            Rel r = after.byOid.containsKey(oid) ? after.byOid.get(oid) : before.byOid.get(oid);
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
                    && start.byOid.containsKey(r.oid())) {
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
                new ArrayList<>(byTable.values()), new ArrayList<>(rewritten), new ArrayList<>(invalid),
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
