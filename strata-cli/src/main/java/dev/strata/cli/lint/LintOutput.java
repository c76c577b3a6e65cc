package dev.strata.cli.lint;

import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.RuleInfo;
import dev.strata.lint.Observation;
import dev.strata.lint.Severity;
import dev.strata.lint.StatementObservation;
import dev.strata.lint.TableSize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Text, JSON and GitHub-annotation renderings of a lint report; {@link Sarif} does SARIF. */
public final class LintOutput {
    /**
     * Where the rule pages live, relative to the root of Strata's repository (and of its source archive); a
     * rule's page is this plus {@code #sa001}.
     */
    public static final String DOCS = "docs/lint.md";

    private LintOutput() {
    }

    public static String helpUri(RuleInfo rule) {
        return DOCS + "#" + rule.anchor();
    }

    /** The findings for people: a heading line per finding, then what it does, why, and what to do instead. */
    public static List<String> text(LintReport report, boolean verbose) {
        List<String> out = new ArrayList<>();
        Map<String, java.util.TreeMap<Integer, StatementObservation>> seen = byFile(report);
        for (Finding f : report.active()) {
            out.add(f.location() + ": " + f.severity().label() + " " + f.rule().id() + " " + f.rule().name() + ": "
                    + f.what());
            if (!f.impact().isEmpty()) {
                out.add("    does:    " + f.impact());
            }
            if (!f.statement().isEmpty()) {
                out.add("    in:      " + f.statement());
            }
            if (f.observation().verdict() != Observation.Verdict.NOT_OBSERVED) {
                out.add("    observed: " + verdict(f) + ": " + f.observation().detail());
            } else if (!f.observation().detail().isEmpty()) {
                out.add("    observed: " + f.observation().detail());
            }
            StatementObservation o = statement(f, seen);
            if (o != null && !o.changes().isEmpty()) {
                out.add("    changed: " + o.changeSummary());
            }
            if (f.size() != null) {
                out.add("    size:    " + size(f.size()) + (f.table() == null ? "" : " (" + f.table() + ")"));
            }
            out.add("    why:     " + f.rule().why());
            out.add("    instead: " + f.rule().fix());
            if (!f.rule().strataWay().isEmpty()) {
                out.add("    strata:  " + f.rule().strataWay());
            }
            if (verbose) {
                out.add("    docs:    " + helpUri(f.rule()));
            }
        }
        for (Finding f : report.findings()) {
            if (f.isSuppressed()) {
                out.add(f.location() + ": suppressed " + f.rule().id() + " " + f.rule().name() + " (" + f.suppressed()
                        + "): " + f.what());
            }
        }
        if (verbose && !report.observations().isEmpty()) {
            out.add("observed statements:");
            for (StatementObservation o : report.observations()) {
                out.add(o.file() + ":" + o.line() + ": " + o.summary());
                if (!o.changes().isEmpty()) {
                    out.add("    changed: " + o.changeSummary());
                }
            }
        }
        return out;
    }

    private static Map<String, java.util.TreeMap<Integer, StatementObservation>> byFile(LintReport report) {
        Map<String, java.util.TreeMap<Integer, StatementObservation>> out = new java.util.HashMap<>();
        report.observations().forEach(o -> out.computeIfAbsent(o.file(), k -> new java.util.TreeMap<>()).put(o.line(), o));
        return out;
    }

    /** The observation of the top-level statement a finding of the upgrade is in, or null. */
    static StatementObservation statement(Finding f, Map<String, java.util.TreeMap<Integer, StatementObservation>> seen) {
        java.util.TreeMap<Integer, StatementObservation> lines = seen.get(f.location().file());
        if (lines == null || f.downgrade() || f.location().line() <= 0) {
            return null;
        }
        Map.Entry<Integer, StatementObservation> e = lines.floorEntry(f.location().line());
        return e == null ? null : e.getValue();
    }

    /** The observations of a report by file and first line, for {@link #statement}. */
    static Map<String, java.util.TreeMap<Integer, StatementObservation>> observationsByFile(LintReport report) {
        return byFile(report);
    }

    /** "confirmed" or "contradicted" (or "not_observed"). */
    public static String verdict(Finding f) {
        return f.observation().verdict().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "~52,000 rows, 7.4 MB". */
    public static String size(TableSize size) {
        return String.format(java.util.Locale.ROOT, "~%,d rows, %s", size.rows(), bytes(size.bytes()));
    }

    private static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, v >= 10 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    /** The report as one JSON document. */
    public static Map<String, Object> json(LintReport report, Severity failOn, boolean offline, String note) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("revisions", report.revisions());
        doc.put("offline", offline);
        doc.put("observed", report.observed());
        if (note != null) {
            doc.put("note", note);
        }
        doc.put("fail_on", failOn.label());
        doc.put("failing", report.failing(failOn).size());
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule().id());
            m.put("name", f.rule().name());
            m.put("severity", f.severity().label());
            m.put("file", f.location().file());
            m.put("line", f.location().line());
            m.put("table", f.table());
            m.put("lock", f.lock() == null ? null : f.lock().sql());
            m.put("blocks_reads", f.lock() != null && f.lock().blocksReads());
            m.put("blocks_writes", f.lock() != null && f.lock().blocksWrites());
            m.put("effects", f.sortedEffects().stream().map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
            m.put("what", f.what());
            m.put("statement", f.statement());
            m.put("why", f.rule().why());
            m.put("instead", f.rule().fix());
            m.put("strata", f.rule().strataWay());
            m.put("suppressed", f.suppressed());
            m.put("observation", verdict(f));
            m.put("observed", f.observation().detail());
            m.put("table_rows", f.size() == null ? null : f.size().rows());
            m.put("table_bytes", f.size() == null ? null : f.size().bytes());
            m.put("help", helpUri(f.rule()));
            findings.add(m);
        }
        doc.put("findings", findings);
        List<Map<String, Object>> suppressions = new ArrayList<>();
        report.suppressions().forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", s.file());
            m.put("line", s.suppression().line());
            m.put("rule", s.suppression().ruleId() == null ? s.suppression().rule() : s.suppression().ruleId());
            m.put("reason", s.suppression().reason());
            suppressions.add(m);
        });
        doc.put("suppressions", suppressions);
        List<Map<String, Object>> observations = new ArrayList<>();
        for (StatementObservation o : report.observations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", o.file());
            m.put("line", o.line());
            m.put("statement", o.excerpt());
            m.put("locks_seen", o.locksSeen());
            m.put("locks", locks(o.locks()));
            m.put("held_before", locks(o.heldBefore()));
            m.put("rewritten", o.rewritten());
            m.put("invalid_indexes", o.invalidIndexes());
            m.put("created", o.created());
            m.put("dropped", o.dropped());
            m.put("error", o.error());
            m.put("changes_seen", o.changesSeen());
            List<Map<String, Object>> changes = new ArrayList<>();
            o.changes().forEach(ch -> {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("op", ch.op());
                cm.put("text", ch.text());
                changes.add(cm);
            });
            m.put("changes", changes);
            observations.add(m);
        }
        doc.put("observations", observations);
        return doc;
    }

    private static List<Map<String, Object>> locks(List<StatementObservation.TableLock> in) {
        List<Map<String, Object>> out = new ArrayList<>();
        in.forEach(l -> {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("table", l.table());
            lm.put("mode", l.mode().sql());
            lm.put("existing", l.existing());
            out.add(lm);
        });
        return out;
    }

    /** GitHub workflow commands ({@code ::error file=...,line=...::message}) for the active findings. */
    public static List<String> github(LintReport report) {
        List<String> out = new ArrayList<>();
        for (Finding f : report.active()) {
            String level = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            StringBuilder b = new StringBuilder("::").append(level).append(" file=").append(property(f.location().file()));
            if (f.location().line() > 0) {
                b.append(",line=").append(f.location().line());
            }
            b.append(",title=").append(property(f.rule().id() + " " + f.rule().name()));
            b.append("::").append(data(f.what() + (f.impact().isEmpty() ? "" : " (" + f.impact() + ")")
                    + (f.observation().verdict() == Observation.Verdict.NOT_OBSERVED ? "" : "; observed "
                    + verdict(f) + ": " + f.observation().detail())
                    + (f.size() == null ? "" : "; table " + size(f.size()))
                    + ". Instead: " + f.rule().fix()));
            out.add(b.toString());
        }
        return out;
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
