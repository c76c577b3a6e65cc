package dev.strata.postgres;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.run.DatabaseState;
import dev.strata.run.HistoryEntry;
import dev.strata.run.StateTables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the version and history tables. The usual case (both tables there) costs one round trip: the
 * three selects go in one batch; only when a table is missing (SQLSTATE 42P01) does it look closer.
 */
final class StateReader {
    private static final String UNDEFINED_TABLE = "42P01";

    private final Connection c;
    private final StateTables tables;

    StateReader(Connection c, StateTables tables) {
        this.c = c;
        this.tables = tables;
    }

    DatabaseState read() {
        try {
            try {
                return readAll();
            } catch (SQLException e) {
                if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                    throw e;
                }
            }
            boolean version = exists(tables.version());
            boolean history = exists(tables.history());
            if (!version && !history) {
                return DatabaseState.empty();
            }
            Set<RevisionId> heads = version ? heads() : Set.of();
            Map<RevisionId, String> checksums = history ? checksums() : Map.of();
            List<DatabaseState.PartialFailure> partial = history ? partial() : List.of();
            return new DatabaseState(version && history, heads, checksums, partial);
        } catch (SQLException e) {
            throw failure("could not read", e);
        }
    }

    private DatabaseState readAll() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(tables.selectHeads() + ";\n" + tables.selectChecksums() + ";\n" + tables.selectPartial());
            Set<RevisionId> heads = readHeads(s.getResultSet());
            s.getMoreResults();
            Map<RevisionId, String> checksums = readChecksums(s.getResultSet());
            s.getMoreResults();
            List<DatabaseState.PartialFailure> partial = readPartial(s.getResultSet());
            return new DatabaseState(true, heads, checksums, partial);
        }
    }

    private Set<RevisionId> heads() throws SQLException {
        try (Statement s = c.createStatement()) {
            return readHeads(s.executeQuery(tables.selectHeads()));
        }
    }

    private Map<RevisionId, String> checksums() throws SQLException {
        try (Statement s = c.createStatement()) {
            return readChecksums(s.executeQuery(tables.selectChecksums()));
        }
    }

    private List<DatabaseState.PartialFailure> partial() throws SQLException {
        try (Statement s = c.createStatement()) {
            return readPartial(s.executeQuery(tables.selectPartial()));
        }
    }

    private Set<RevisionId> readHeads(ResultSet rs) throws SQLException {
        Set<RevisionId> out = new HashSet<>();
        try (rs) {
            while (rs.next()) {
                out.add(revision(rs.getString(1), tables.version()));
            }
        }
        return out;
    }

    private Map<RevisionId, String> readChecksums(ResultSet rs) throws SQLException {
        Map<RevisionId, String> out = new HashMap<>();
        try (rs) {
            while (rs.next()) {
                out.put(revision(rs.getString(1), tables.history()), rs.getString(2));
            }
        }
        return out;
    }

    private List<DatabaseState.PartialFailure> readPartial(ResultSet rs) throws SQLException {
        List<DatabaseState.PartialFailure> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(new DatabaseState.PartialFailure(revision(rs.getString(1), tables.history()), rs.getInt(2),
                        rs.getInt(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
            }
        }
        return out;
    }

    /** The whole history, oldest first; empty when the history table does not exist. */
    List<HistoryRow> history() {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(tables.selectHistory())) {
            List<HistoryRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return List.of();
            }
            throw failure("could not list", e);
        }
    }

    private HistoryRow row(ResultSet rs) throws SQLException {
        long ms = rs.getLong(7);
        Long executionMs = rs.wasNull() ? null : ms;
        Timestamp started = rs.getTimestamp(6);
        try {
            return new HistoryRow(rs.getLong(1), rs.getString(2), HistoryEntry.Action.fromSql(rs.getString(3)),
                    rs.getString(4), rs.getString(5), started.toInstant(), executionMs, rs.getString(8),
                    rs.getString(9), rs.getString(10), HistoryEntry.Status.fromSql(rs.getString(11)),
                    rs.getString(12), rs.getInt(13), rs.getInt(14), rs.getString(15));
        } catch (IllegalArgumentException e) {
            throw new StrataException(ErrorCode.STATE_INVALID, "history table " + tables.history() + " row id "
                    + rs.getLong(1) + " has an unknown action or status ('" + rs.getString(3) + "', '"
                    + rs.getString(11) + "'); was it written by a newer Strata?");
        }
    }

    private boolean exists(String qualifiedName) throws SQLException {
        try (var p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            p.setString(1, qualifiedName);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static RevisionId revision(String value, String table) {
        if (!RevisionId.isValid(value)) {
            throw new StrataException(ErrorCode.STATE_INVALID, "table " + table + " holds an invalid revision id '"
                    + value + "'; correct the row by hand or re-stamp the database with strata stamp");
        }
        return RevisionId.of(value);
    }

    private StrataException failure(String what, SQLException e) {
        ErrorCode code = PgErrors.isConnectionLost(e) ? ErrorCode.CONNECTION_FAILED : ErrorCode.BOOKKEEPING_FAILED;
        return new StrataException(code, what + " the migration state from " + tables.version() + " and "
                + tables.history() + ": " + PgErrors.describe(e) + "; check that this user may read them", e);
    }
}
