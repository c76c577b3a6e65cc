package dev.strata.engine.ops;

import dev.strata.engine.Runs;
import dev.strata.engine.Workspace;
import dev.strata.engine.config.OpsSettings;
import dev.strata.graph.Direction;
import dev.strata.graph.Step;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;

import java.util.List;
import java.util.Optional;

/**
 * An upgrade with the operations seed 002 and 003 put around it: the pre-checks first (a failed check refuses
 * the upgrade before anything changes), then a verified backup when the environment wants one and a revision is
 * pending, then the revisions, then the seed data of the environment.
 */
public final class Upgrade {
    private Upgrade() {
    }

    /**
     * What to do beyond the revisions; empty optionals follow the configuration.
     *
     * @param skipPreflight leave the pre-checks out
     * @param backup        take a backup (or not) whatever the environment says
     * @param seed          load the seed data (or not) whatever the environment says
     * @param ahead         the pre-checks already begun for this upgrade ({@link Preflight#ahead}), or null
     */
    public record Options(boolean skipPreflight, Optional<Boolean> backup, Optional<Boolean> seed,
                          Preflight.Ahead ahead) {
        public static final Options CONFIGURED = new Options(false, Optional.empty(), Optional.empty());

        public Options(boolean skipPreflight, Optional<Boolean> backup, Optional<Boolean> seed) {
            this(skipPreflight, backup, seed, null);
        }
    }

    /**
     * What the upgrade did.
     *
     * @param preflight the pre-checks' report, or null when they were skipped
     * @param backup    the backup taken, or null
     * @param steps     the revisions applied, in order
     * @param seeds     the seed run, or null when seeding was off
     */
    public record Outcome(PreflightReport preflight, Backups.Backup backup, List<Step> steps, Seeds.Report seeds) {
        public Outcome {
            steps = List.copyOf(steps);
        }

        /** Whether a pre-check failed, so nothing ran. */
        public boolean refused() {
            return preflight != null && preflight.failed();
        }
    }

    private static boolean runnerRefuses(PreflightReport report) {
        return report.checks().stream().filter(c -> c.status().equals(PreflightReport.FAIL))
                .allMatch(c -> c.name().equals("revisions") || c.name().equals("checksums"));
    }

    /** Runs the upgrade to {@code target} with its operations. */
    public static Outcome run(Workspace w, String target, Runs.Options run, Options options, RunListener listener) {
        return run(w, target, run, options, () -> Runs.online(w, Direction.UP, target, run, listener));
    }

    /**
     * As above, with the revisions applied by {@code revisions} (e.g. a run that also records metrics) between the
     * backup and the seed data; it is called once, and not at all when a pre-check refuses the upgrade.
     */
    public static Outcome run(Workspace w, String target, Runs.Options run, Options options,
                              java.util.function.Supplier<List<Step>> revisions) {
        OpsSettings ops = w.operations();
        if (options.ahead() != null) {
            options.ahead().finish(); // before this thread reads the database: the checks may still be reading it
        }
        PreflightReport report = null;
        Pending pending = null;
        if (ops.preflight().enabled() && !options.skipPreflight()) {
            pending = Pending.of(w, target);
        }
        if (pending != null && pending.steps().isEmpty() && pending.state().partial().isEmpty()) {
            // Nothing to apply: the pre-checks guard changes, and there are none. The run still takes the lock and
            // verifies every applied revision's checksum (refusing a changed file with its own error).
            w.notice(RunEvent.Notice.Level.DEBUG, "preflight: nothing pending, pre-checks skipped");
        } else if (pending != null) {
            report = options.ahead() == null ? Preflight.run(w, target, run)
                    : options.ahead().take(w, target, run).orElseGet(() -> Preflight.run(w, target, run));
            if (report.failed() && !runnerRefuses(report)) {
                return new Outcome(report, null, List.of(), null);
            }
            if (report.failed()) {
                // unknown or half-applied revisions and changed files: the run refuses them itself, with its own
                // errors, before changing anything (and without a backup of a database it will not touch)
                List<Step> steps = revisions.get();
                report = PreflightReport.of(report.checks().stream().map(c -> c.status().equals(PreflightReport.FAIL)
                        ? new PreflightReport.Check(c.name(), PreflightReport.WARN, c.detail(), c.sessions()) : c)
                        .toList());
                return new Outcome(report, null, steps, seed(w, ops, options));
            }
        }
        Backups.Backup backup = null;
        if (options.backup().orElse(ops.backup().enabled())) {
            if (pending == null || report != null) {
                w.forgetStateBeforeRun(); // read again after the pre-checks, which take a while
                pending = Pending.of(w, target);
            }
            if (pending.steps().isEmpty()) {
                w.notice(RunEvent.Notice.Level.DEBUG, "backup: nothing pending, no backup taken");
            } else {
                backup = Backups.take(w, pending.fromLabel(), pending.toLabel(), "upgrade");
            }
        }
        List<Step> steps = revisions.get();
        return new Outcome(report, backup, steps, seed(w, ops, options));
    }

    private static Seeds.Report seed(Workspace w, OpsSettings ops, Options options) {
        return options.seed().orElse(ops.seeds().enabled()) ? Seeds.load(w, true) : null;
    }
}
