package dev.strata.run;

import dev.strata.graph.Direction;
import dev.strata.graph.Step;
import dev.strata.lint.StatementShape;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.script.MigrationScript;
import dev.strata.script.SqlMigration;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads the next step's statements on a second thread while the current step runs on the server: splits its file
 * when that is still to do, and works out the {@link StatementShape} of each statement, which the runner and the
 * target ask about (the relations a step's measurements name, which statements may share a round trip, index builds,
 * settings). In a request/response protocol the client's work adds to the run's time while the server waits; on a
 * second core it is done while the server works instead (issue 14: about a sixth of the client's samples per revision
 * of a 1,000-revision apply, in a JFR profile, went to working out shapes).
 *
 * <p>Nothing is sent ahead and nothing is decided here: the runner asks the same questions in the same order as
 * before, and finds the answers kept ({@link StatementShape} keeps the shapes seen last). A failure here (a file that
 * does not split) is dropped: the runner meets it again when it reaches that step, in order. Only SQL revisions are
 * read ahead, and only small steps (a step's shapes must not push the running step's out of the kept ones).
 */
final class ReadAhead implements AutoCloseable {
    /** At most this many statements in the running and the next step together (StatementShape keeps 64). */
    private static final int MAX_STATEMENTS = 24;

    private ExecutorService thread;

    /** Starts reading {@code next} ahead, after {@code running} (whose statements the runner is about to use). */
    void after(Step running, MigrationScript runningScript, Step next, MigrationScript nextScript) {
        if (!(nextScript instanceof SqlMigration sql) || !(runningScript instanceof SqlMigration current)) {
            return;
        }
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "strata-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        try {
            thread.execute(() -> read(running, current, next, sql));
        } catch (RejectedExecutionException e) {
            // closed: the runner works the shapes out itself
        }
    }

    private static void read(Step running, SqlMigration current, Step next, SqlMigration script) {
        try {
            List<Statement> now = plan(running, current);
            List<Statement> plan = plan(next, script);
            if (now == null || plan == null || now.size() + plan.size() > MAX_STATEMENTS) {
                return;
            }
            for (Statement s : plan) {
                if (s.tx() != Tx.BATCHED && !s.sql().isBlank()) {
                    StatementShape.of(s.sql());
                }
            }
        } catch (RuntimeException e) {
            // the runner meets it again at that step, in order
        }
    }

    /** The statements the step runs; null when it has none to read (an irreversible downgrade is refused earlier). */
    private static List<Statement> plan(Step step, SqlMigration script) {
        return step.direction() == Direction.UP ? script.upgradePlan() : script.downgradePlan().orElse(null);
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdown(); // a read under way ends on its own; the thread is a daemon
        }
    }
}
