package dev.strata.postgres.ext;

import dev.strata.op.Op;
import dev.strata.op.Renderer;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs rendered ops against a real connection the way their statements ask: consecutive IN_TRANSACTION
 * statements in one transaction, OWN_TRANSACTION alone in one, NO_TRANSACTION in autocommit.
 */
final class Apply {
    private Apply() {
    }

    static void ops(Connection c, Op... ops) throws SQLException {
        run(c, Renderer.render(List.of(ops)));
    }

    /** Renders and runs the reverse of {@code ops} (last first). */
    static void reverse(Connection c, Op... ops) throws SQLException {
        Reversal r = Reversal.ofAll(List.of(ops));
        run(c, Renderer.render(((Reversal.Reversible) r).ops()));
    }

    static void run(Connection c, List<Statement> statements) throws SQLException {
        List<Statement> group = new ArrayList<>();
        for (Statement s : statements) {
            if (s.tx() == Tx.IN_TRANSACTION) {
                group.add(s);
                continue;
            }
            flush(c, group);
            if (s.tx() == Tx.OWN_TRANSACTION) {
                flush(c, new ArrayList<>(List.of(s)));
            } else {
                c.setAutoCommit(true);
                execute(c, s.sql());
            }
        }
        flush(c, group);
    }

    private static void flush(Connection c, List<Statement> group) throws SQLException {
        if (group.isEmpty()) {
            return;
        }
        c.setAutoCommit(false);
        try {
            for (Statement s : group) {
                execute(c, s.sql());
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            group.clear();
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n-- while running:\n" + sql, e.getSQLState(), e);
        }
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
