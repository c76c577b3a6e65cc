package dev.strata.cli;

import dev.strata.graph.Direction;
import dev.strata.graph.RevisionId;
import dev.strata.graph.Step;
import dev.strata.run.OfflineTarget;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;

import java.util.List;
import java.util.stream.Collectors;

/** Renders run events: progress lines on standard error, or comments inside offline SQL. */
final class RunPrinter implements RunListener {
    private final Console console;
    private final OfflineTarget offline;
    private long lastWaitNotice;

    RunPrinter(Console console, OfflineTarget offline) {
        this.console = console;
        this.offline = offline;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.LockWaiting w) {
            long now = System.currentTimeMillis();
            if (now - lastWaitNotice >= 5000) {
                lastWaitNotice = now;
                console.info("waiting for the migration lock, held by " + w.holder().describe());
            }
        } else if (event instanceof RunEvent.StepStarted s) {
            if (offline == null && !(console.verbose() && console.informs())) {
                return;
            }
            String line = "Running " + describe(s.step()) + message(s.step());
            if (offline != null) {
                offline.comment(line + " (" + s.script().location() + ")");
                if (!s.script().transactional()) {
                    offline.comment("not transactional: each statement runs on its own");
                }
                offline.comment("");
            } else if (console.verbose()) {
                console.info(line + " (" + s.script().location() + ") ...");
            }
        } else if (event instanceof RunEvent.StepFinished f) {
            if (progressShown) {
                console.progressDone();
                progressShown = false;
            }
            if (offline == null && console.informs()) {
                console.info("Ran " + describe(f.step()) + message(f.step()) + " (" + f.millis() + " ms)");
            }
        } else if (event instanceof RunEvent.LockRetry r) {
            console.warn("lock_timeout at " + r.where() + " (" + r.serverMessage() + "); attempt " + r.attempt() + " of "
                    + r.maxAttempts() + ", retrying in " + r.delay().toMillis() + " ms");
        } else if (event instanceof RunEvent.InvalidIndexDropped d) {
            console.warn("dropped the INVALID index " + d.index() + " left by an earlier failed concurrent build,"
                    + " before building it again");
        } else if (event instanceof RunEvent.BackfillProgress b) {
            backfill(b);
        } else if (event instanceof RunEvent.NothingToDo n) {
            if (offline == null) {
                console.info("Nothing to do: " + n.why() + ".");
            } else {
                offline.comment("nothing to do: " + n.why());
            }
        } else if (event instanceof RunEvent.Notice n) {
            console.notice(n);
        } else if (event instanceof RunEvent.RunStarted || event instanceof RunEvent.RunFinished
                || event instanceof RunEvent.StepFailed) {
            // the steps' own lines say it all; a failure is printed once, as the command's error
            return;
        } else if (event instanceof RunEvent.StepMeasured m) {
            measured(m);
        } else if (event instanceof RunEvent.Warning w) {
            console.warn(w.message());
        } else if (event instanceof RunEvent.IndexBuildProgress i) {
            indexBuild(i);
        } else if (event instanceof RunEvent.IndexDeferred d) {
            console.warn("index " + d.index() + " on " + d.table() + " deferred: the table has " + d.rows() + " of the "
                    + d.minRows() + " rows it needs (lists x 39); `strata upgrade` builds it, concurrently, once they are loaded");
        } else if (event instanceof RunEvent.DeferredIndexBuilt b) {
            console.info("Built deferred index " + b.index() + " on " + b.table() + " (" + b.millis() + " ms)");
        } else {
            throw new IllegalStateException("unhandled event " + event);
        }
    }

    /**
     * Backfill progress: a bar redrawn in place on a terminal, a line every 10 seconds otherwise, and one
     * JSON line per batch with --json (on standard error, so standard output stays the command's result).
     */
    private void backfill(RunEvent.BackfillProgress b) {
        var p = b.progress();
        double secs = Math.max(p.elapsed().toMillis(), 1) / 1000.0;
        long rate = Math.round(p.rowsDone() / secs);
        if (console.json()) {
            console.event(new BackfillEvent("backfill", b.table(), p.rowsDone(), p.batches(), p.estimatedTotal(), rate,
                    p.elapsed().toMillis()));
            return;
        }
        String eta = "";
        if (p.estimatedTotal() > 0 && rate > 0 && p.rowsDone() < p.estimatedTotal()) {
            eta = ", ETA " + (p.estimatedTotal() - p.rowsDone()) / rate + " s";
        }
        String how = p.strategy() == dev.strata.plan.Backfill.Strategy.COPY_SWAP ? " (copy-and-swap)" : "";
        String line = "backfill " + b.table() + how + ": " + p.rowsDone() + (p.estimatedTotal() > 0 ? " / ~" + p.estimatedTotal() : "")
                + " rows, " + rate + " rows/s" + eta;
        if (console.terminal()) {
            console.progress(line);
            progressShown = true;
        } else {
            // each backfill starts its own count: its first batch prints, then every 2 s or each quarter of the estimate
            long quarter = p.estimatedTotal() > 0 ? p.rowsDone() * 4 / p.estimatedTotal() : 0;
            if (p.batches() <= 1 || p.elapsed().toMillis() - lastBackfillLine >= 2_000 || quarter > lastQuarter) {
                lastBackfillLine = p.elapsed().toMillis();
                lastQuarter = p.batches() <= 1 ? 0 : quarter;
                console.info(line);
            }
        }
    }

    /** Index build progress, shown like backfill progress: redrawn on a terminal, a line every 10 s otherwise. */
    private synchronized void indexBuild(RunEvent.IndexBuildProgress i) {
        var p = i.progress();
        if (console.json()) {
            console.event(new IndexBuildEvent("index_build", i.index(), p.phase(), p.blocksDone(), p.blocksTotal(),
                    p.tuplesDone(), p.tuplesTotal(), p.elapsed().toMillis()));
            return;
        }
        String of = p.blocksTotal() > 0 ? ", blocks " + p.blocksDone() + " / " + p.blocksTotal()
                : p.tuplesTotal() > 0 ? ", tuples " + p.tuplesDone() + " / " + p.tuplesTotal() : "";
        String line = "index " + i.index() + ": " + p.phase() + of + ", " + p.elapsed().toSeconds() + " s";
        if (p.elapsed().toMillis() < lastIndexLine) {
            lastIndexLine = -10_000; // a new build
        }
        if (console.terminal()) {
            console.progress(line);
            progressShown = true;
        } else if (p.elapsed().toMillis() - lastIndexLine >= 10_000) {
            lastIndexLine = p.elapsed().toMillis();
            console.info(line);
        }
    }

    /** With --verbose, a revision's measurements on one line (they are in the history table and --metrics-file too). */
    private void measured(RunEvent.StepMeasured m) {
        if (offline != null || !console.verbose() || console.json()) {
            return;
        }
        var x = m.metrics();
        StringBuilder b = new StringBuilder("  " + x.revision() + ": " + x.durationMs() + " ms, " + x.rowsAffected()
                + " rows");
        if (x.lockRetries() > 0) {
            b.append(", ").append(x.lockRetries()).append(" lock retries (").append(x.lockWaitMs()).append(" ms)");
        }
        x.indexBuilds().forEach(i -> b.append(", index ").append(i.index()).append(" ").append(i.millis()).append(" ms"));
        x.backfills().forEach(f -> b.append(", backfill ").append(f.table()).append(" ").append(f.rows())
                .append(" rows at ").append(f.rowsPerSecond()).append(" rows/s"));
        if (x.verify() != null) {
            b.append(x.verify().passed() ? ", verified" : ", verification failed");
        }
        console.info(b.toString());
    }

    private long lastIndexLine = -10_000;
    /** ", message" for a revision that has one, else nothing. */
    private static String message(Step step) {
        String m = step.revision().message();
        return m == null || m.isBlank() ? "" : ", " + m;
    }

    private long lastBackfillLine;
    private long lastQuarter;
    private boolean progressShown;

    /** The --json line of a backfill batch (see docs/json-schema/event.schema.json). */
    record BackfillEvent(String event, String table, long rows, long batches, long estimatedTotal, long rowsPerSecond,
                         long elapsedMs) {
    }

    /** One --json line per index build progress report. */
    record IndexBuildEvent(String event, String index, String phase, long blocksDone, long blocksTotal, long tuplesDone,
                           long tuplesTotal, long elapsedMs) {
    }

    /** "upgrade a -> b" / "downgrade b -> a", as Alembic prints it. */
    static String describe(Step step) {
        String parents = join(step.revision().parents());
        String id = step.id().value();
        return step.direction() == Direction.UP
                ? "upgrade " + parents + " -> " + id
                : "downgrade " + id + " -> " + parents;
    }

    private static String join(List<RevisionId> ids) {
        return ids.isEmpty() ? "(base)" : ids.stream().map(RevisionId::value).collect(Collectors.joining(", "));
    }
}
