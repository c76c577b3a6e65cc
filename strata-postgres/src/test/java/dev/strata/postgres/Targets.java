package dev.strata.postgres;

import dev.strata.graph.RevisionId;
import dev.strata.run.Bookkeeping;
import dev.strata.run.HistoryEntry;
import dev.strata.run.StateTables;
import dev.strata.plan.Tx;
import dev.strata.testkit.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small builders shared by the target tests. */
final class Targets {
    private Targets() {
    }

    static JdbcTarget open(TestDatabase db) {
        return open(db, StateTables.DEFAULT);
    }

    static JdbcTarget open(TestDatabase db, StateTables tables) {
        return new JdbcTarget(PgConnections.open(PgUrl.parse(db.jdbcUrl()), null), tables, "0.1.0-test");
    }

    /** A target on {@code c} that opens second sessions to the same database when it needs them, as the CLI's does. */
    static JdbcTarget withSecondSessions(TestDatabase db, Connection c) {
        return new JdbcTarget(c, StateTables.DEFAULT, "0.1.0-test")
                .withIndexProgress(() -> PgConnections.open(PgUrl.parse(db.jdbcUrl()), null), java.time.Duration.ofSeconds(1));
    }

    static List<dev.strata.plan.Statement> sql(String... statements) {
        List<dev.strata.plan.Statement> out = new ArrayList<>();
        for (int i = 0; i < statements.length; i++) {
            out.add(dev.strata.plan.Statement.of(statements[i], Tx.IN_TRANSACTION, "test:" + (i + 1)));
        }
        return out;
    }

    static Bookkeeping upgrade(String from, String to, String checksum) {
        List<RevisionId> remove = from == null ? List.of() : List.of(RevisionId.of(from));
        return new Bookkeeping(remove, List.of(RevisionId.of(to)), entry(to, HistoryEntry.Action.UPGRADE,
                HistoryEntry.Status.OK, checksum, null, 1, 1));
    }

    static HistoryEntry entry(String revision, HistoryEntry.Action action, HistoryEntry.Status status, String checksum,
                              String error, int run, int total) {
        return new HistoryEntry(revision, action, "message of " + revision, checksum,
                Instant.parse("2026-01-02T03:04:05Z"), 12, status, error, run, total);
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
