package dev.strata.engine.lint;

import dev.strata.engine.Runs;
import dev.strata.engine.Targets;
import dev.strata.engine.Workspace;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;
import dev.strata.graph.Step;
import dev.strata.lint.Finding;
import dev.strata.lint.LintInput;
import dev.strata.lint.LintOptions;
import dev.strata.lint.LintReport;
import dev.strata.lint.Linter;
import dev.strata.lint.RuleSet;
import dev.strata.run.DatabaseState;
import dev.strata.run.MigrationSet;
import dev.strata.script.MigrationScript;
import dev.strata.script.SqlMigration;

import dev.strata.engine.schema.Scratch;
import dev.strata.engine.schema.ScratchDb;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.lint.Observations;
import dev.strata.lint.Sizes;
import dev.strata.lint.StatementObservation;
import dev.strata.lint.TableSize;
import dev.strata.postgres.PgConnections;
import dev.strata.postgres.PgUrl;
import dev.strata.run.RunEvent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The linter in front of an upgrade, for every caller (CLI, library, Spring Boot, Maven plugin): lints the
 * revisions the upgrade would apply, before anything runs, and says whether findings at or above the failing
 * severity refuse it (unless the revision suppresses them or the caller allows their rule). Nothing is printed:
 * the caller renders the {@link LintVerdict}.
 */
public final class LintGate {
    private LintGate() {
    }

    /** Every revision of the workspace's project in chain order, with its file text, as the linter reads them. */
    public static List<LintInput> chain(Workspace ws) {
        MigrationSet set = ws.migrations();
        set.splitAll(); // every revision's statements, split on every core
        List<LintInput> chain = new ArrayList<>();
        for (Revision r : set.graph().all()) {
            MigrationScript script = set.script(r.id());
            chain.add(LintInput.of(script, script instanceof SqlMigration ? ws.project().text(script.location()) : null));
        }
        return chain;
    }

    /** The {@code [lint]} options of the workspace's configuration, with its {@code lock_timeout}. */
    public static LintOptions options(Workspace ws) {
        return LintConfig.read(ws.settings().configFile(), ws.settings().lockTimeout());
    }

    /** Lints {@code revisions} (every revision feeds the chain facts) with {@code options}. */
    public static LintReport lint(Workspace ws, LintOptions options, Collection<RevisionId> revisions) {
        return lint(ws, options, revisions, true);
    }

    /** As {@link #lint(Workspace, LintOptions, Collection)}; without {@code downgrades}, upgrade sections only. */
    private static LintReport lint(Workspace ws, LintOptions options, Collection<RevisionId> revisions,
                                   boolean downgrades) {
        MigrationSet set = ws.migrations();
        Set<String> files = new HashSet<>();
        revisions.forEach(id -> files.add(set.script(id).location()));
        return new Linter(options).lint(chain(ws), in -> files.contains(in.file()), downgrades);
    }

    /**
     * Observed analysis: replays the chain on a scratch database (of {@code devUrl}, else the configured
     * {@code dev_url}, else a throw-away embedded PostgreSQL) with sample rows (copied from {@code sampleFrom} when
     * given), observes every upgrade statement of {@code revisions}, and judges {@code report} by it.
     *
     * @throws dev.strata.error.StrataException when no scratch database can be made or the chain does not replay
     */
    public static LintReport observe(Workspace ws, LintReport report, LintOptions options,
                                     Collection<RevisionId> revisions, Optional<String> devUrl,
                                     Optional<String> sampleFrom) {
        try (ScratchForLint scratch = scratch(ws, devUrl)) {
            return observe(ws, scratch, report, options, revisions, sampleFrom);
        }
    }

    /**
     * The scratch database of an observation, being made in the background (starting an embedded PostgreSQL
     * takes a second or two, creating a database a few hundred milliseconds) while the caller lints statically.
     * Closing it drops the database and stops the server, after waiting for the making to end.
     */
    public static final class ScratchForLint implements AutoCloseable {
        private final Scratch scratch;
        private final java.util.concurrent.CompletableFuture<ScratchDb> db;

        private ScratchForLint(Scratch scratch) {
            this.scratch = scratch;
            this.db = java.util.concurrent.CompletableFuture.supplyAsync(scratch::create, r -> {
                Thread t = new Thread(r, "strata-lint-scratch");
                t.setDaemon(true);
                t.start();
            });
        }

        ScratchDb db() {
            try {
                return db.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        @Override
        public void close() {
            try {
                db.handle((d, e) -> null).join();
            } finally {
                scratch.close();
            }
        }
    }

    /**
     * Starts making the scratch database of an observation in the background: on the server of {@code devUrl},
     * else the configured {@code dev_url}, else a throw-away embedded PostgreSQL. Failures surface in
     * {@link #observe(Workspace, ScratchForLint, LintReport, LintOptions, Collection, Optional)}.
     */
    public static ScratchForLint scratch(Workspace ws, Optional<String> devUrl) {
        Optional<String> dev = devUrl.isPresent() ? devUrl : ws.settings().devUrl();
        return new ScratchForLint(Scratch.open(dev, t -> ws.notice(RunEvent.Notice.Level.INFO, t),
                t -> ws.notice(RunEvent.Notice.Level.DEBUG, t)));
    }

    /** As {@link #observe(Workspace, LintReport, LintOptions, Collection, Optional, Optional)}, on {@code scratch}. */
    public static LintReport observe(Workspace ws, ScratchForLint scratch, LintReport report, LintOptions options,
                                     Collection<RevisionId> revisions, Optional<String> sampleFrom) {
        List<StatementObservation> seen;
        try (Connection source = sampleFrom.map(u -> PgConnections.open(PgUrl.parse(u), "strata-lint")).orElse(null)) {
            ScratchDb db = scratch.db();
            seen = Observer.observe(ws, db, revisions, Optional.ofNullable(source));
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "closing the --sample-from connection: "
                    + e.getMessage(), e);
        }
        return Observations.apply(report, seen, options);
    }

    /**
     * Size-aware severity: reads the size of every table the findings name from the workspace's database and
     * applies {@code options.sizes()}. Tables the database does not have (created by the pending revisions) keep
     * no size.
     */
    public static LintReport sized(Workspace ws, LintReport report, LintOptions options) {
        Set<String> tables = new java.util.TreeSet<>();
        report.findings().forEach(f -> {
            if (f.table() != null) {
                tables.add(f.table());
            }
        });
        if (tables.isEmpty()) {
            return report;
        }
        try (Connection c = ws.openConnection()) {
            Map<String, TableSize> sizes = TableSizes.read(c, tables);
            return Sizes.apply(report, sizes, options.sizes());
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "reading table sizes for lint: " + e.getMessage()
                    + "; set [lint] size_aware = false to lint without them", e);
        }
    }

    /**
     * Lints the revisions an upgrade to {@code target} would apply to the workspace's database (read from it).
     *
     * @param allow rule ids or names the caller allows (an upgrade's {@code --allow})
     * @throws dev.strata.error.StrataException CONFIG_INVALID for an unknown rule in {@code allow} or a bad
     *                                          {@code [lint]} table
     */
    public static LintVerdict check(Workspace ws, String target, Collection<String> allow) {
        return gate(ws, target, allow, true);
    }

    /**
     * As {@link #check}, without a database: {@code range} is {@code TO} (from base) or {@code FROM:TO}, as for
     * offline SQL.
     */
    public static LintVerdict checkOffline(Workspace ws, String range, Collection<String> allow) {
        return gate(ws, range, allow, false);
    }

    private static LintVerdict gate(Workspace ws, String target, Collection<String> allow, boolean online) {
        Set<String> allowed = new HashSet<>();
        allow.forEach(a -> allowed.add(RuleSet.resolve(a, "--allow")));
        LintOptions options = options(ws);
        LintReport empty = new LintReport(List.of(), 0, List.of());
        if (!LintConfig.upgradeGate(ws.settings().configFile())) {
            return new LintVerdict(empty, List.of(), options.failOn(), allowed, false, false);
        }
        MigrationSet set = ws.migrations();
        Set<RevisionId> current;
        String to = target;
        if (online) {
            if (ws.connecting()) {
                planWhileConnecting(set, target);
            }
            current = knownHeads(set, ws.stateBeforeRun());
        } else {
            Targets.Range range = Targets.range(target);
            current = Targets.fromState(set.graph(), range.from()).heads();
            to = range.to();
        }
        to = Runs.normalizeTarget(to);
        Set<RevisionId> applying = new HashSet<>();
        for (Step step : set.graph().upgradeSteps(current, to)) {
            applying.add(step.id());
        }
        if (applying.isEmpty()) {
            return new LintVerdict(empty, List.of(), options.failOn(), allowed, false, true);
        }
        // The upgrade sections only: an upgrade runs no downgrade, and the verdict counts upgrade findings alone (its
        // callers list and refuse those). Judging the downgrades too made a finding per revision that drops a table
        // (1,000 of them on a 1,000-revision apply), and their tables' sizes were then read on a new connection
        // (about 20 ms, quiet machine) for findings that could never refuse the upgrade.
        boolean observing = online && LintConfig.upgradeObserve(ws.settings().configFile());
        // A lint of the same files with the same options that found nothing (kept by an earlier run of this build)
        // is not made again: re-applying a project to a fresh database skips it (about 0.2 s for 1,000 revisions).
        Optional<dev.strata.engine.LintVerdicts> kept = observing ? Optional.empty() : ws.project().lintVerdicts();
        String fingerprint = fingerprint(options);
        List<String> judged = applying.stream().map(RevisionId::value).toList();
        if (kept.isPresent() && kept.get().clean(fingerprint, judged)) {
            return new LintVerdict(new LintReport(List.of(), applying.size(), List.of()), List.of(), options.failOn(),
                    allowed, false, true);
        }
        LintReport report = lint(ws, options, applying, false);
        if (kept.isPresent() && report.findings().isEmpty() && report.suppressions().isEmpty()
                && report.revisions() == applying.size()) {
            kept.get().rememberClean(fingerprint, judged);
        }
        if (observing) {
            report = observe(ws, report, options, applying, Optional.empty(), Optional.empty());
        }
        if (online && options.sizes().enabled()) {
            report = sized(ws, report, options);
        }
        List<Finding> failing = report.failing(options.failOn()).stream()
                .filter(f -> !f.downgrade() && !allowed.contains(f.rule().id())).toList();
        return new LintVerdict(report, failing, options.failOn(), allowed, !failing.isEmpty(), true);
    }

    /**
     * Plans the upgrade of a database that has every revision already, while the connection that says whether it
     * has them is still being made (pgjdbc's first connection takes about 0.1 s of a cold JVM). The graph keeps the
     * plan ({@link dev.strata.graph.RevisionGraph#upgradeSteps}), so a no-op upgrade finds it ready, here and in the
     * pre-checks and the run; any other upgrade finds the planner's code loaded. Planning the graph's first upgrade
     * took 15-20 ms of a no-op's 0.22 s after the connection. A graph whose heads cannot be upgraded to the target
     * (several heads for {@code head}) is left for the real plan to report.
     */
    private static void planWhileConnecting(MigrationSet set, String target) {
        try {
            set.graph().upgradeSteps(Set.copyOf(set.graph().heads()), Runs.normalizeTarget(target));
        } catch (RuntimeException e) {
            // only a head start: the plan made for the database's own state says what is wrong, if anything
        }
    }

    /** {@code options} as one line that is the same for the same options (rules sorted by id). */
    static String fingerprint(LintOptions options) {
        StringBuilder out = new StringBuilder("fail_on=").append(options.failOn().label())
                .append(" lock_timeout=").append(options.strataLockTimeout())
                .append(" sizes=").append(options.sizes().enabled()).append(',').append(options.sizes().plusOne())
                .append(',').append(options.sizes().plusTwo()).append(" rules=");
        new java.util.TreeMap<>(options.rules()).forEach((id, severity) -> out.append(id).append(':')
                .append(severity.map(dev.strata.lint.Severity::label).orElse("off")).append(';'));
        return out.toString();
    }

    /** The database's applied heads that this project knows (unknown ones are the runner's business). */
    public static Set<RevisionId> knownHeads(MigrationSet set, DatabaseState state) {
        Set<RevisionId> out = new HashSet<>();
        for (RevisionId id : state.heads()) {
            if (set.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
