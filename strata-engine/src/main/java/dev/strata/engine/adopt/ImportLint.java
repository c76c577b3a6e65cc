package dev.strata.engine.adopt;

import dev.strata.lint.Finding;
import dev.strata.lint.LintInput;
import dev.strata.lint.LintOptions;
import dev.strata.lint.LintReport;
import dev.strata.lint.Linter;
import dev.strata.lint.Severity;
import dev.strata.script.ScriptParser;
import dev.strata.script.SqlMigration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Imported revisions are history: they ran on the team's databases before the move to Strata, so the lint
 * gate in front of {@code upgrade} should not refuse to replay them on a new database. Each error-level
 * finding of an upgrade section gets a {@code -- strata:allow RULE reason} line right before its statement,
 * which the import reports; the findings stay visible in {@code strata lint --all} as suppressed.
 */
final class ImportLint {
    static final String REASON = "imported history: it ran before the move to Strata";

    private ImportLint() {
    }

    /**
     * The texts with suppressions added where needed (same order as given).
     *
     * @param locations the location each text was parsed under
     */
    static List<String> suppress(List<String> locations, List<String> texts, List<String> shownNames,
                                 Duration lockTimeout, List<String> notes) {
        List<LintInput> chain = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            SqlMigration m = ScriptParser.parse(locations.get(i), texts.get(i));
            chain.add(LintInput.of(m, texts.get(i)));
        }
        LintOptions options = LintOptions.DEFAULTS.withLockTimeout(lockTimeout);
        LintReport report = new Linter(options).lint(chain);
        Map<String, TreeMap<Integer, TreeSet<String>>> byFile = new TreeMap<>();
        for (Finding f : report.failing(Severity.ERROR)) {
            if (f.downgrade()) {
                continue;
            }
            byFile.computeIfAbsent(f.location().file(), k -> new TreeMap<>())
                    .computeIfAbsent(f.location().line(), k -> new TreeSet<>()).add(f.rule().id());
        }
        List<String> out = new ArrayList<>(texts);
        for (int i = 0; i < texts.size(); i++) {
            TreeMap<Integer, TreeSet<String>> lines = byFile.get(locations.get(i));
            if (lines == null) {
                continue;
            }
            List<String> fileLines = new ArrayList<>(List.of(texts.get(i).split("\n", -1)));
            for (Map.Entry<Integer, TreeSet<String>> e : lines.descendingMap().entrySet()) {
                int at = e.getKey() - 1;
                for (String rule : e.getValue().descendingSet()) {
                    fileLines.add(at, "-- strata:allow " + rule + " " + REASON);
                }
                notes.add(shownNames.get(i) + ":" + e.getKey() + ": lint " + String.join(", ", e.getValue())
                        + " suppressed with '-- strata:allow' (" + REASON + "); review it before running it on a live"
                        + " database");
            }
            out.set(i, String.join("\n", fileLines));
        }
        return out;
    }
}
