package dev.strata.postgres;

import dev.strata.run.VerificationFailedException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * Runs a revision's verification statements inside an open transaction, each in a savepoint that is rolled back,
 * so a check never changes anything. A check fails when it raises an error, or when it returns rows whose first
 * column is boolean and one of them is false or NULL (SQL's "not true": {@code SELECT max(x) > 0} over an empty
 * table is NULL, and that is a failure too). A check returning no rows, or a first column of another type, passes
 * by not raising: {@code SELECT 1/count(*) FROM ...} fails by dividing by zero, as in Sqitch's verify scripts.
 */
final class Checks {
    private final Connection c;

    Checks(Connection c) {
        this.c = c;
    }

    /** @throws VerificationFailedException naming the check's index and why it failed */
    void run(List<dev.strata.plan.Statement> checks) {
        for (int i = 0; i < checks.size(); i++) {
            String sql = checks.get(i).sql();
            Savepoint sp = savepoint(i);
            try (Statement s = c.createStatement()) {
                s.setEscapeProcessing(false);
                if (s.execute(sql)) {
                    String why = falseRow(s.getResultSet());
                    if (why != null) {
                        throw new VerificationFailedException(i, null, why, null);
                    }
                }
            } catch (SQLException e) {
                throw new VerificationFailedException(i, e.getSQLState(), PgErrors.describe(e), e);
            } finally {
                release(sp);
            }
        }
    }

    /** Why the result fails (a row whose boolean first column is false or NULL), or null when it passes. */
    private static String falseRow(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            if (md.getColumnCount() < 1 || (md.getColumnType(1) != Types.BOOLEAN && md.getColumnType(1) != Types.BIT)) {
                return null;
            }
            int row = 0;
            while (rs.next()) {
                row++;
                boolean v = rs.getBoolean(1);
                if (rs.wasNull()) {
                    return "returned NULL (row " + row + ", column " + md.getColumnLabel(1) + "); a check passes only"
                            + " when it is true";
                }
                if (!v) {
                    return "returned false (row " + row + ", column " + md.getColumnLabel(1) + ")";
                }
            }
            return null;
        }
    }

    private Savepoint savepoint(int i) {
        try {
            return c.setSavepoint("strata_verify_" + i);
        } catch (SQLException e) {
            throw new VerificationFailedException(i, e.getSQLState(), "could not set a savepoint: "
                    + PgErrors.describe(e), e);
        }
    }

    /** Rolls the check's changes back (also after an error, so the transaction is usable again). */
    private void release(Savepoint sp) {
        try {
            c.rollback(sp);
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            // the transaction is gone (connection lost); the caller's rollback or commit reports it
        }
    }
}
