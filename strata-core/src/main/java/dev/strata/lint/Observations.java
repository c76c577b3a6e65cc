package dev.strata.lint;

import dev.strata.lint.Observation.Verdict;
import dev.strata.lint.StatementObservation.TableLock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges static findings by what observed analysis saw: a finding's lock and rewrite claims are compared with
 * the locks, relfilenode changes and errors of its statement ({@link Verdict#CONFIRMED} when they match,
 * {@link Verdict#CONTRADICTED} with what was seen when they do not; the observation wins). What was seen and no
 * rule predicted becomes a finding of an {@link ObservedRules} rule. Suppression lines naming those rules apply
 * to them as to any rule.
 */
public final class Observations {
    private Observations() {
    }

    public static LintReport apply(LintReport report, List<StatementObservation> observed, LintOptions options) {
        Map<String, TreeMap<Integer, StatementObservation>> byFile = new HashMap<>();
        for (StatementObservation o : observed) {
            byFile.computeIfAbsent(o.file(), k -> new TreeMap<>()).put(o.line(), o);
        }
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        List<Finding> out = new ArrayList<>();
        Map<StatementObservation, List<Finding>> claims = new IdentityHashMap<>();
        for (Finding f : report.findings()) {
            fileOrder.putIfAbsent(f.location().file(), fileOrder.size());
            StatementObservation o = of(f, byFile);
            if (o == null) {
                out.add(f);
                continue;
            }
            claims.computeIfAbsent(o, k -> new ArrayList<>()).add(f);
            out.add(f.observed(judge(f, o)));
        }
        observed.forEach(o -> fileOrder.putIfAbsent(o.file(), fileOrder.size()));
        Set<String> usedAllows = new HashSet<>();
        for (StatementObservation o : observed) {
            List<Finding> fs = claims.getOrDefault(o, List.of());
            Observation seen = new Observation(Verdict.CONFIRMED, o.summary());
            if (o.error() != null && fs.stream().noneMatch(f -> f.effects().contains(Effect.FAILS))) {
                add(ObservedRules.FAILED, o, null, null, Set.of(Effect.FAILS), "failed on the scratch database: "
                        + o.error(), seen, options, report, usedAllows, out);
            }
            for (TableLock l : o.locks()) {
                if (l.existing() && l.mode().blocksWrites() && fs.stream().noneMatch(f -> f.lock() != null
                        && (f.table() == null || same(f.table(), l.table())))) {
                    add(ObservedRules.BLOCKING_LOCK, o, l.table(), l.mode(), Set.of(), "took " + l.mode().sql()
                            + " on " + l.table() + ", which no rule predicted", seen, options, report, usedAllows, out);
                }
            }
            for (String t : o.rewritten()) {
                if (fs.stream().noneMatch(f -> f.effects().contains(Effect.REWRITE)
                        && (f.table() == null || same(f.table(), t)))) {
                    LockLevel held = o.locks().stream().filter(l -> l.table().equals(t)).map(TableLock::mode)
                            .findFirst().orElse(null);
                    add(ObservedRules.REWRITE, o, t, held, Set.of(Effect.REWRITE), "rewrote " + t
                            + " (new relfilenode), which no rule predicted", seen, options, report, usedAllows, out);
                }
            }
            for (String idx : o.invalidIndexes()) {
                add(ObservedRules.INVALID_INDEX, o, idx, null, Set.of(Effect.FAILS), "left index " + idx
                        + " INVALID", seen, options, report, usedAllows, out);
            }
        }
        // the static linter leaves suppressions of observed rules alone: here they are used or not
        Set<String> lintedFiles = new HashSet<>();
        observed.forEach(o -> lintedFiles.add(o.file()));
        Optional<Severity> unusedConf = options.rules().get(RuleSet.UNUSED_SUPPRESSION.id());
        for (LintReport.FileSuppression s : report.suppressions()) {
            Suppression a = s.suppression();
            Location at = new Location(s.file(), a.line());
            if (a.ruleId() != null && ObservedRules.isObserved(a.ruleId()) && !a.reason().isBlank()
                    && lintedFiles.contains(s.file()) && !usedAllows.contains(at.toString())
                    && (unusedConf == null || unusedConf.isPresent())) {
                out.add(new Finding(RuleSet.UNUSED_SUPPRESSION, unusedConf == null ? RuleSet.UNUSED_SUPPRESSION.severity()
                        : unusedConf.get(), at, null, null, Set.of(), "suppresses " + a.ruleId() + " but replaying the "
                        + "statement at line " + a.targetLine() + " showed no such thing", "-- strata:allow " + a.rule()
                        + " " + a.reason(), null, Observation.NONE, null, false));
            }
        }
        out.sort(Comparator.comparing((Finding f) -> fileOrder.getOrDefault(f.location().file(), Integer.MAX_VALUE))
                .thenComparingInt(f -> f.location().line()).thenComparing(f -> f.rule().id()));
        return new LintReport(out, report.revisions(), report.suppressions(), observed, true);
    }

    /** The observation of the top-level statement a finding is in, or null. */
    private static StatementObservation of(Finding f, Map<String, TreeMap<Integer, StatementObservation>> byFile) {
        if (f.downgrade() || f.statement().isEmpty() || ObservedRules.isObserved(f.rule().id())) {
            return null;
        }
        TreeMap<Integer, StatementObservation> stmts = byFile.get(f.location().file());
        Map.Entry<Integer, StatementObservation> e = stmts == null ? null : stmts.floorEntry(f.location().line());
        return e == null ? null : e.getValue();
    }

    private static Observation judge(Finding f, StatementObservation o) {
        List<String> contradictions = new ArrayList<>();
        boolean confirmed = false;
        if (o.error() != null) {
            return new Observation(f.effects().contains(Effect.FAILS) ? Verdict.CONFIRMED : Verdict.NOT_OBSERVED,
                    o.summary());
        }
        if (f.lock() != null && o.locksSeen()) {
            LockLevel seen = null;
            for (TableLock l : o.locks()) {
                if (f.table() == null ? l.existing() : same(f.table(), l.table())) {
                    seen = LockLevel.stronger(seen, l.mode());
                }
            }
            if (seen == f.lock()) {
                confirmed = true;
            } else {
                contradictions.add((seen == null ? "took no lock" : "took " + seen.sql()) + (f.table() == null ? ""
                        : " on " + f.table()) + ", not " + f.lock().sql());
            }
        }
        if (f.effects().contains(Effect.REWRITE) && f.table() != null) {
            if (o.rewritten().stream().anyMatch(t -> same(f.table(), t))) {
                confirmed = true;
            } else {
                contradictions.add("did not rewrite " + f.table());
            }
        }
        if (!contradictions.isEmpty()) {
            return new Observation(Verdict.CONTRADICTED, String.join("; ", contradictions) + " (observed: "
                    + o.summary() + ")");
        }
        return new Observation(confirmed ? Verdict.CONFIRMED : Verdict.NOT_OBSERVED, o.summary());
    }

    private static void add(RuleInfo rule, StatementObservation o, String table, LockLevel lock, Set<Effect> effects,
                            String what, Observation seen, LintOptions options, LintReport report,
                            Set<String> usedAllows, List<Finding> out) {
        Optional<Severity> configured = options.rules().get(rule.id());
        if (configured != null && configured.isEmpty()) {
            return;
        }
        Severity severity = configured != null ? configured.get() : rule.severity();
        String suppressed = null;
        for (LintReport.FileSuppression s : report.suppressions()) {
            Suppression a = s.suppression();
            if (s.file().equals(o.file()) && rule.id().equals(a.ruleId()) && a.targetLine() == o.line()
                    && !a.reason().isBlank()) {
                suppressed = a.reason();
                usedAllows.add(new Location(s.file(), a.line()).toString());
                break;
            }
        }
        out.add(new Finding(rule, severity, new Location(o.file(), o.line()), table, lock, effects, what, o.excerpt(),
                suppressed, seen, null, false));
    }

    /** Whether a table name as a rule wrote it names the observed, schema-qualified table. */
    static boolean same(String written, String qualified) {
        String w = written.replace("\"", "").toLowerCase(Locale.ROOT);
        String q = qualified.replace("\"", "").toLowerCase(Locale.ROOT);
        return w.contains(".") ? w.equals(q) : q.endsWith("." + w) || q.equals(w);
    }
}
