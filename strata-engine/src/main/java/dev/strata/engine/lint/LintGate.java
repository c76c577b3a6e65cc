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

import java.util.ArrayList;
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
        MigrationSet set = ws.migrations();
        Set<String> files = new HashSet<>();
        revisions.forEach(id -> files.add(set.script(id).location()));
        return new Linter(options).lint(chain(ws), in -> files.contains(in.file()));
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
            current = knownHeads(set, ws.target().readState());
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
        LintReport report = lint(ws, options, applying);
        List<Finding> failing = report.failing(options.failOn()).stream()
                .filter(f -> !f.downgrade() && !allowed.contains(f.rule().id())).toList();
        return new LintVerdict(report, failing, options.failOn(), allowed, !failing.isEmpty(), true);
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
