package dev.strata.lint;

import dev.strata.sql.SqlStatement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs the enabled rules over revisions in chain order. Every revision feeds the chain facts (so a CHECK
 * validated by an applied revision makes a pending SET NOT NULL safe); findings are kept only for the
 * revisions asked for. Suppression lines are matched to findings, and bad or unused ones become findings.
 */
public final class Linter {
    /** Rules whose findings a {@code -- strata:destructive REASON} header acknowledges (they drop to info). */
    private static final Set<String> ACKNOWLEDGED_BY_DESTRUCTIVE = Set.of("SA017", "SA030", "SA204");

    private final LintOptions options;
    private final List<Rule> enabled = new ArrayList<>();

    public Linter(LintOptions options) {
        this.options = options;
        for (Rule r : RuleSet.rules()) {
            Optional<Severity> configured = options.rules().get(r.info().id());
            boolean on = configured == null ? !r.info().optIn() : configured.isPresent();
            if (on) {
                enabled.add(r);
            }
        }
    }

    /** Lints every revision of {@code chain} (in chain order). */
    public LintReport lint(List<LintInput> chain) {
        return lint(chain, r -> true);
    }

    /**
     * @param chain  the revisions in chain order (parents before children); all feed the facts
     * @param report which of them to report findings for
     */
    public LintReport lint(List<LintInput> chain, Predicate<LintInput> report) {
        return lint(chain, report, true);
    }

    /**
     * As {@link #lint(List, Predicate)}; without {@code downgrades}, the downgrade sections are not judged (no
     * {@link Finding#downgrade()} findings): for the gate in front of an upgrade, which never runs them and whose
     * verdict counts upgrade findings only. A downgrade section has facts of its own, so the upgrade findings are the
     * same either way.
     */
    public LintReport lint(List<LintInput> chain, Predicate<LintInput> report, boolean downgrades) {
        ChainFacts facts = new ChainFacts();
        List<Finding> findings = new ArrayList<>();
        List<LintReport.FileSuppression> suppressions = new ArrayList<>();
        int linted = 0;
        for (LintInput in : chain) {
            // Java revisions render Strata's own online forms: they feed the facts but are not judged here
            boolean wanted = report.test(in) && in.hasLines();
            List<Finding> own = new ArrayList<>();
            Map<Stmt, Integer> origin = new IdentityHashMap<>();
            Scope up = new Scope(in.file(), in.transactional(), true, in.destructive(), in.irreversible(),
                    options.strataLockTimeout(), facts);
            up.deferredLines = in.deferred();
            run(in, in.upgrade(), up, wanted, own, origin);
            if (wanted) {
                if (downgrades) {
                    Scope down = new Scope(in.file(), in.transactional(), false, in.destructive(), in.irreversible(),
                            options.strataLockTimeout(), new ChainFacts());
                    down.changedSchema = !in.upgrade().isEmpty();
                    run(in, in.downgrade(), down, true, own, origin);
                }
                List<Suppression> allows = Suppressions.of(in.text());
                // a suppression of a downgrade statement's finding is not unused because the downgrade was not judged
                Set<Integer> unjudged = new HashSet<>();
                if (!downgrades) {
                    for (SqlStatement s : in.downgrade()) {
                        int lines = (int) s.sql().chars().filter(c -> c == '\n').count();
                        for (int l = s.line(); l <= s.line() + lines; l++) {
                            unjudged.add(l);
                        }
                    }
                }
                own = applySuppressions(in, own, origin, allows, unjudged);
                own.sort(Comparator.comparingInt((Finding f) -> f.location().line()).thenComparing(f -> f.rule().id()));
                findings.addAll(own);
                allows.forEach(a -> suppressions.add(new LintReport.FileSuppression(in.file(), a)));
                linted++;
            }
        }
        return new LintReport(findings, linted, suppressions);
    }

    private void run(LintInput in, List<SqlStatement> statements, Scope scope, boolean wanted, List<Finding> out,
                     Map<Stmt, Integer> origin) {
        List<Stmt> all = new ArrayList<>();
        for (SqlStatement s : statements) {
            for (Stmt st : StatementClassifier.classify(s)) {
                all.add(st);
                origin.put(st, s.line());
            }
        }
        scope.all = List.copyOf(all);
        for (Stmt s : all) {
            if (wanted) {
                for (Rule r : enabled) {
                    r.statement(s, scope, sink(in, scope, r.info(), out));
                }
            }
            Facts.after(s, scope);
        }
        if (wanted) {
            for (Rule r : enabled) {
                r.section(scope, sink(in, scope, r.info(), out));
            }
        }
    }

    private Sink sink(LintInput in, Scope scope, RuleInfo rule, List<Finding> out) {
        return (s, table, lock, effects, what) -> {
            Severity severity = severity(rule);
            if (scope.destructive != null && ACKNOWLEDGED_BY_DESTRUCTIVE.contains(rule.id())) {
                severity = Severity.INFO;
                what = what + " (declared: destructive " + scope.destructive + ")";
            }
            int line = !in.hasLines() ? 0 : s == null ? 1 : s.line();
            out.add(new Finding(rule, severity, new Location(in.file(), line), table, lock, effects, what,
                    s == null ? "" : s.excerpt(), null, Observation.NONE, null, !scope.upgrade));
        };
    }

    private Severity severity(RuleInfo rule) {
        Optional<Severity> configured = options.rules().get(rule.id());
        return configured != null && configured.isPresent() ? configured.get() : rule.severity();
    }

    private boolean on(RuleInfo meta) {
        Optional<Severity> configured = options.rules().get(meta.id());
        return configured == null || configured.isPresent();
    }

    private List<Finding> applySuppressions(LintInput in, List<Finding> own, Map<Stmt, Integer> origin,
                                            List<Suppression> allows, Set<Integer> unjudged) {
        if (allows.isEmpty()) {
            return own;
        }
        Map<Integer, Integer> statementOrigin = new java.util.HashMap<>();
        origin.forEach((stmt, line) -> statementOrigin.put(stmt.line(), line));
        Set<Suppression> used = new HashSet<>();
        List<Finding> result = new ArrayList<>();
        for (Finding f : own) {
            int line = f.location().line();
            int top = statementOrigin.getOrDefault(line, line);
            Finding kept = f;
            for (Suppression a : allows) {
                boolean rule = f.rule().id().equals(a.ruleId()) && !a.reason().isBlank();
                boolean target = f.statement().isEmpty() ? a.targetLine() == 0 || a.targetLine() == line
                        : a.targetLine() == line || a.targetLine() == top;
                if (rule && target) {
                    kept = f.suppressedBy(a.reason());
                    used.add(a);
                    break;
                }
            }
            result.add(kept);
        }
        for (Suppression a : allows) {
            Location at = new Location(in.file(), a.line());
            String stmt = "-- strata:allow " + a.rule() + (a.reason().isEmpty() ? "" : " " + a.reason());
            if (a.ruleId() == null) {
                meta(RuleSet.INVALID_SUPPRESSION, at, a.rule().isEmpty() ? "names no rule"
                        : "names rule '" + a.rule() + "', which does not exist", stmt, result);
            } else if (a.reason().isBlank()) {
                meta(RuleSet.INVALID_SUPPRESSION, at, "suppresses " + a.ruleId() + " without a reason", stmt, result);
            } else if (!used.contains(a) && !ObservedRules.isObserved(a.ruleId())
                    && !unjudged.contains(a.targetLine())) {
                meta(RuleSet.UNUSED_SUPPRESSION, at, "suppresses " + a.ruleId() + (a.targetLine() == 0
                        ? " but no statement follows it" : " but the statement at line " + a.targetLine()
                        + " has no such finding"), stmt, result);
            }
        }
        return result;
    }

    private void meta(RuleInfo rule, Location at, String what, String stmt, List<Finding> out) {
        if (on(rule)) {
            out.add(new Finding(rule, severity(rule), at, null, null, Set.of(), what, stmt, null,
                    Observation.NONE, null, false));
        }
    }
}
