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
 * Reads the next steps' statements on a second thread while the current step runs on the server: splits their files
 * when that is still to do, and works out the {@link StatementShape} of each statement, which the runner and the
 * target ask about (the relations a step's measurements name, which statements may share a round trip, index builds,
 * settings). In a request/response protocol the client's work adds to the run's time while the server waits; on a
 * second core it is done while the server works instead (issue 14: about a sixth of the client's samples per revision
 * of a 1,000-revision apply, in a JFR profile, went to working out shapes; without any read-ahead the apply took
 * 2.79 s instead of 2.30 s on a 2-core VM).
 *
 * <p>The thread is woken once for several steps, not once a step: when fewer than {@link #LOW} steps past the running
 * one are read, it reads on up to {@link #HIGH} steps past it (each wake-up of a parked thread costs both threads
 * system calls, and on a 2-core machine the second core is shared with the server).
 *
 * <p>Nothing is sent ahead and nothing is decided here: the runner asks the same questions in the same order as
 * before, and finds the answers kept ({@link StatementShape} keeps the shapes seen last). A failure here (a file that
 * does not split) is dropped: the runner meets it again when it reaches that step, in order. Only SQL revisions are
 * read ahead; shapes are worked out only while the steps from the running one on hold few statements (a step's
 * shapes must not push the running step's out of the kept ones); past that, files are only split.
 */
final class ReadAhead implements AutoCloseable {
    /** At most this many statements in the steps from the running one to the last one whose shapes are read. */
    private static final int MAX_STATEMENTS = 24;
    /** The thread is woken when fewer steps than this past the running one are read or being read. */
    static final int LOW = 2;
    /** ...and then reads on to this many steps past the running one. */
    static final int HIGH = 8;

    private final List<Step> steps;
    private final java.util.function.Function<Step, MigrationScript> scripts;
    /** The last step index handed to the thread (the runner's thread only); -1: none. */
    private int queued = -1;
    private ExecutorService thread;

    /** For the run of {@code steps}, whose scripts {@code scripts} gives. */
    ReadAhead(List<Step> steps, java.util.function.Function<Step, MigrationScript> scripts) {
        this.steps = List.copyOf(steps);
        this.scripts = scripts;
    }

    /** The step at {@code running} is about to run (its statements about to be used): reads on past it if due. */
    void at(int running) {
        if (queued >= Math.min(running + LOW, steps.size() - 1)) {
            return;
        }
        int from = Math.max(queued + 1, running);
        int to = Math.min(running + HIGH, steps.size() - 1);
        if (to <= running) {
            return; // no step after the running one: nothing to read ahead (a one-step run starts no thread)
        }
        queued = to;
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "strata-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        try {
            thread.execute(() -> read(running, from, to));
        } catch (RejectedExecutionException e) {
            // closed: the runner works the shapes out itself
        }
    }

    /** Splits steps {@code from..to}, and works out shapes while the steps from {@code running} hold few statements. */
    private void read(int running, int from, int to) {
        int statements = 0;
        for (int i = running; i <= to; i++) {
            if (!(scripts.apply(steps.get(i)) instanceof SqlMigration script)) {
                continue;
            }
            try {
                List<Statement> plan = plan(steps.get(i), script);
                if (plan == null) {
                    continue;
                }
                statements += plan.size();
                if (i == running || i < from || statements > MAX_STATEMENTS) {
                    continue; // the running step's shapes are the runner's; read before; or past the shapes kept
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
