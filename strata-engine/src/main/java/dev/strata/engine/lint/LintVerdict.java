package dev.strata.engine.lint;

import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.Severity;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the lint gate decided about an upgrade.
 *
 * @param report  the findings of the revisions the upgrade would apply (upgrade and downgrade sections, suppressed
 *                ones included); empty when the gate is off or nothing is pending
 * @param failing the active upgrade-section findings at or above {@code failOn} whose rule is not allowed
 * @param failOn  the failing severity ({@code [lint] fail_on})
 * @param allowed the rule ids the caller allowed (resolved from ids or names)
 * @param refused true when {@code failing} is not empty: the upgrade must not run
 * @param enabled false when {@code [lint] upgrade = "off"} turned the gate off
 */
public record LintVerdict(LintReport report, List<Finding> failing, Severity failOn, Set<String> allowed,
                          boolean refused, boolean enabled) {
    public LintVerdict {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(failOn, "failOn");
        failing = List.copyOf(failing);
        allowed = Set.copyOf(allowed);
    }

    /** The active findings of the upgrade sections, allowed or not (what {@code upgrade --sql} lists as comments). */
    public List<Finding> upgradeFindings() {
        return report.active().stream().filter(f -> !f.downgrade()).toList();
    }

    /** The ids of the failing rules, each once, in finding order. */
    public List<String> failingRules() {
        return failing.stream().map(f -> f.rule().id()).distinct().toList();
    }
}
