package dev.strata.postgres;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/**
 * Turns driver exceptions into the one-line text users see: {@code ERROR: <message> (SQLSTATE xxxxx)}
 * followed by {@code DETAIL:} and {@code HINT:} when the server sent them.
 */
final class PgErrors {
    private PgErrors() {
    }

    static String describe(SQLException e) {
        ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        StringBuilder b = new StringBuilder();
        if (m != null && m.getMessage() != null) {
            b.append(m.getSeverity() == null ? "ERROR" : m.getSeverity()).append(": ").append(m.getMessage());
            if (m.getSQLState() != null) {
                b.append(" (SQLSTATE ").append(m.getSQLState()).append(')');
            }
            if (m.getDetail() != null) {
                b.append(" DETAIL: ").append(m.getDetail());
            }
            if (m.getHint() != null) {
                b.append(" HINT: ").append(m.getHint());
            }
        } else {
            b.append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            if (e.getSQLState() != null) {
                b.append(" (SQLSTATE ").append(e.getSQLState()).append(')');
            }
        }
        return oneLine(b.toString());
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** SQLSTATE class 08: the connection itself is gone or unusable. */
    static boolean isConnectionLost(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }
}
