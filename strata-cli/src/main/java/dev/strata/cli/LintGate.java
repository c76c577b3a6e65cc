package dev.strata.cli;

import dev.strata.cli.lint.LintOutput;
import dev.strata.engine.lint.LintVerdict;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the engine's lint gate ({@link dev.strata.engine.lint.LintGate}) in front of {@code upgrade}: the
 * refused findings and exit 4, or with {@code --sql} the findings as comments at the top of the SQL.
 */
public final class LintGate {
    private LintGate() {
    }

    /**
     * @return {@link ExitCode#OK} to go on, {@link ExitCode#LINT} when the upgrade is refused (findings printed)
     */
    public static int beforeUpgrade(Session s, String target, boolean sql, List<String> allow) {
        LintVerdict v = sql ? dev.strata.engine.lint.LintGate.checkOffline(s.workspace(), target, allow)
                : dev.strata.engine.lint.LintGate.check(s.workspace(), target, allow);
        if (sql) {
            StringBuilder out = new StringBuilder();
            for (Finding f : v.upgradeFindings()) {
                out.append("-- lint: ").append(f.location()).append(' ').append(f.severity().label()).append(' ')
                        .append(f.rule().id()).append(' ').append(f.rule().name()).append(": ").append(f.what())
                        .append(v.allowed().contains(f.rule().id()) ? " (allowed)" : "").append('\n');
            }
            s.console().raw(out.toString());
            return ExitCode.OK;
        }
        if (!v.refused()) {
            return ExitCode.OK;
        }
        LintReport refused = new LintReport(v.failing(), v.report().revisions(), List.of());
        if (s.console().json()) {
            Map<String, Object> doc = new LinkedHashMap<>(LintOutput.json(refused, v.failOn(), false, null));
            doc.put("refused", true);
            s.console().json(doc);
        } else {
            LintOutput.text(refused, s.console().verbose()).forEach(s.console()::info);
        }
        s.console().warn("upgrade refused before running anything: " + v.failing().size() + " lint finding(s) at or above "
                + v.failOn().label() + " (" + String.join(", ", v.failingRules()) + "); fix them, suppress one in its"
                + " revision with '-- strata:allow RULE reason', or pass --allow RULE");
        return ExitCode.LINT;
    }
}
