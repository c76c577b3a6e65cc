package dev.strata.lint;

import java.util.List;

/**
 * The outcome of linting some revisions.
 *
 * @param findings     every finding, suppressed ones included, in revision order then line order
 * @param revisions    how many revisions were linted
 * @param suppressions the suppression lines of those revisions, with their files
 * @param observations  what observed analysis saw, statement by statement (empty for static linting)
 * @param observed      true when the revisions were replayed on a scratch database
 */
public record LintReport(List<Finding> findings, int revisions, List<FileSuppression> suppressions,
                         List<StatementObservation> observations, boolean observed) {
    public LintReport {
        findings = List.copyOf(findings);
        suppressions = List.copyOf(suppressions);
        observations = List.copyOf(observations);
    }

    /** A static report. */
    public LintReport(List<Finding> findings, int revisions, List<FileSuppression> suppressions) {
        this(findings, revisions, suppressions, List.of(), false);
    }

    /** The same report with other findings. */
    public LintReport withFindings(List<Finding> other) {
        return new LintReport(other, revisions, suppressions, observations, observed);
    }

    /** A suppression line and the file it is in. */
    public record FileSuppression(String file, Suppression suppression) {
    }

    /** The findings that are not suppressed. */
    public List<Finding> active() {
        return findings.stream().filter(f -> !f.isSuppressed()).toList();
    }

    /** The active findings at or above {@code failOn}. */
    public List<Finding> failing(Severity failOn) {
        return active().stream().filter(f -> f.severity().atLeast(failOn)).toList();
    }
}
