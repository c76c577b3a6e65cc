package dev.strata.cli.lint;

import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.RuleInfo;
import dev.strata.lint.RuleSet;
import dev.strata.lint.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lint report as a SARIF 2.1.0 log (OASIS), for code-scanning annotations on pull requests: one run, the
 * tool's driver with every rule's metadata and help URI, one result per finding; suppressed findings carry an
 * in-source suppression with its justification. File URIs are relative to the working directory.
 */
public final class Sarif {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private Sarif() {
    }

    public static Map<String, Object> log(LintReport report, String toolVersion) {
        List<RuleInfo> infos = RuleSet.infos();
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (RuleInfo r : infos) {
            index.put(r.id(), rules.size());
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", r.id());
            rule.put("name", r.name());
            rule.put("shortDescription", Map.of("text", r.title()));
            rule.put("fullDescription", Map.of("text", r.why()));
            rule.put("help", Map.of("text", r.fix() + (r.strataWay().isEmpty() ? "" : " " + r.strataWay()),
                    "markdown", "**Instead:** " + r.fix() + (r.strataWay().isEmpty() ? "" : "\n\n**Strata:** " + r.strataWay())));
            // no helpUri: SARIF wants an absolute URI there, and the rule's page travels with the source instead;
            // help.markdown carries what the page says about the fix
            rule.put("defaultConfiguration", Map.of("level", level(r.severity()), "enabled", !r.optIn()));
            rules.add(rule);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        var seen = LintOutput.observationsByFile(report);
        for (Finding f : report.findings()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.rule().id());
            result.put("ruleIndex", index.get(f.rule().id()));
            result.put("level", level(f.severity()));
            result.put("message", Map.of("text", f.what() + (f.impact().isEmpty() ? "" : " (" + f.impact() + ")")
                    + (f.observation().verdict() == dev.strata.lint.Observation.Verdict.NOT_OBSERVED ? ""
                    : "; observed " + LintOutput.verdict(f) + ": " + f.observation().detail())
                    + (f.size() == null ? "" : "; table " + LintOutput.size(f.size()))));
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", f.location().file()));
            if (f.location().line() > 0) {
                physical.put("region", Map.of("startLine", f.location().line()));
            }
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
            Map<String, Object> props = new LinkedHashMap<>();
            if (f.observation().verdict() != dev.strata.lint.Observation.Verdict.NOT_OBSERVED) {
                props.put("observation", LintOutput.verdict(f));
                props.put("observed", f.observation().detail());
            }
            dev.strata.lint.StatementObservation o = LintOutput.statement(f, seen);
            if (o != null && !o.changes().isEmpty()) {
                props.put("schemaChanges", o.changes().stream().map(dev.strata.lint.StatementObservation.SchemaChange::text)
                        .toList());
            }
            if (f.size() != null) {
                props.put("tableRows", f.size().rows());
                props.put("tableBytes", f.size().bytes());
            }
            if (!props.isEmpty()) {
                result.put("properties", props);
            }
            if (f.isSuppressed()) {
                result.put("suppressions", List.of(Map.of("kind", "inSource", "justification", f.suppressed())));
            }
            results.add(result);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "strata");
        driver.put("version", toolVersion);
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
