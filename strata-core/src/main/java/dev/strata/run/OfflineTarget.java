package dev.strata.run;

import dev.strata.plan.Backfill;
import dev.strata.plan.Statement;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A target that connects to nothing and writes, as SQL text, everything a real run would send: the lock,
 * the creation of Strata's tables, each revision's statements inside or outside a transaction, and every
 * write to the version and history tables. Used by {@code upgrade --sql} and {@code downgrade --sql}; the
 * state it starts from is the one the user names (FROM in a FROM:TO range), else an empty database.
 */
public final class OfflineTarget implements Target {
    private final StateTables tables;
    private final String toolVersion;
    private final DatabaseState from;
    private final StringBuilder out;

    public OfflineTarget(StateTables tables, String toolVersion, DatabaseState from, StringBuilder out) {
        this.tables = tables;
        this.toolVersion = toolVersion;
        this.from = from;
        this.out = out;
    }

    /** Writes a comment line (e.g. "Running upgrade a -> b"). */
    public void comment(String text) {
        for (String line : text.split("\n", -1)) {
            out.append(line.isEmpty() ? "--" : "-- " + line).append('\n');
        }
    }

    @Override
    public void lock(Duration maxWait, Consumer<LockHolder> waiting) {
        int[] key = tables.lockKey();
        out.append("-- one runner at a time: Strata's migration lock\n");
        out.append("SELECT pg_advisory_lock(").append(key[0]).append(", ").append(key[1]).append(");\n\n");
    }

    @Override
    public void unlock() {
        int[] key = tables.lockKey();
        out.append("SELECT pg_advisory_unlock(").append(key[0]).append(", ").append(key[1]).append(");\n");
    }

    @Override
    public void ensureTables() {
        for (String ddl : tables.ddl()) {
            out.append(ddl).append(";\n\n");
        }
    }

    @Override
    public DatabaseState readState() {
        // Offline there is nothing to read; existing tables are assumed when starting from a revision.
        return new DatabaseState(!from.heads().isEmpty(), from.heads(), from.checksums(), from.partial());
    }

    @Override
    public void runInTransaction(List<Statement> statements, Bookkeeping bookkeeping) {
        out.append("BEGIN;\n\n");
        statements(statements);
        if (bookkeeping != null) {
            sessionReset();
            bookkeeping(bookkeeping);
        }
        out.append("COMMIT;\n\n");
    }

    @Override
    public void runInTransaction(List<Statement> statements, List<Statement> checks, Bookkeeping bookkeeping) {
        out.append("BEGIN;\n\n");
        statements(statements);
        verify(checks);
        if (bookkeeping != null) {
            sessionReset();
            bookkeeping(bookkeeping);
        }
        out.append("COMMIT;\n\n");
    }

    /** Offline the checks are shown, not run: a SELECT returning false would not stop psql. */
    @Override
    public void verify(List<Statement> checks) {
        if (checks.isEmpty()) {
            return;
        }
        out.append("-- verification (online, Strata runs these here and fails the revision when one raises or"
                + " returns false or NULL):\n");
        for (Statement c : checks) {
            for (String line : c.sql().split("\n", -1)) {
                out.append("--   ").append(line).append('\n');
            }
        }
        out.append('\n');
    }

    @Override
    public void runEach(List<Statement> statements) {
        statements(statements);
    }

    @Override
    public long runBackfill(Backfill b, java.util.function.Consumer<BackfillProgress> progress) {
        out.append("-- backfill of ").append(b.table()).append(" in batches of ").append(b.batchSize())
                .append(" rows by ").append(String.join(", ", b.key()))
                .append(", each batch its own transaction (run at top level, not in a transaction block):\n");
        if (b.strategy() != Backfill.Strategy.IN_PLACE) {
            out.append("-- (online, Strata ").append(b.strategy() == Backfill.Strategy.COPY_SWAP ? "copies" : "may copy")
                    .append(" the table to a shadow table and swaps it in instead; copy-and-swap needs the online runner,")
                    .append(" so this script updates the rows in place)\n");
        }
        out.append(OfflineBackfill.sql(b)).append(";\n\n");
        return 0;
    }

    @Override
    public boolean dropInvalidIndex(String name) {
        // the check needs the catalog; the comment tells the reader what an online run does here
        out.append("-- online, Strata first drops an INVALID leftover of index ").append(name)
                .append(" from an earlier failed build\n");
        return false;
    }

    @Override
    public void record(Bookkeeping bookkeeping) {
        out.append("BEGIN;\n\n");
        sessionReset();
        bookkeeping(bookkeeping);
        out.append("COMMIT;\n\n");
    }

    @Override
    public void close() {
    }

    private void statements(List<Statement> statements) {
        for (Statement s : statements) {
            out.append(s.sql()).append(";\n\n");
        }
    }

    /** As online: a revision's own SETs end with it (RESET goes back to the session's starting values). */
    private void sessionReset() {
        out.append("RESET ALL;\n\n");
    }

    private void bookkeeping(Bookkeeping b) {
        for (String sql : tables.bookkeepingLiteral(b, toolVersion)) {
            out.append(sql).append(";\n\n");
        }
    }
}
