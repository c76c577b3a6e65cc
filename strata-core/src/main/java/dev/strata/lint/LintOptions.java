package dev.strata.lint;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to lint: per-rule severities (an empty value turns the rule off), the severity at which findings
 * fail, the lock_timeout Strata will set for the run, and the row counts at which size-aware severity rises.
 *
 * @param rules             rule id → severity, or empty for "off"; ids only (see {@link RuleSet#resolve})
 * @param failOn            findings at or above this fail the lint
 * @param strataLockTimeout the configured {@code lock_timeout} ({@link Duration#ZERO}: none)
 * @param sizes             size-aware severity ({@link SizeThresholds#OFF} to leave severities alone)
 */
public record LintOptions(Map<String, Optional<Severity>> rules, Severity failOn, Duration strataLockTimeout,
                          SizeThresholds sizes) {
    public static final LintOptions DEFAULTS = new LintOptions(Map.of(), Severity.ERROR, Duration.ofSeconds(2));

    public LintOptions {
        rules = Map.copyOf(rules);
        Objects.requireNonNull(failOn, "failOn");
        Objects.requireNonNull(strataLockTimeout, "strataLockTimeout");
        Objects.requireNonNull(sizes, "sizes");
    }

    /** Options with the default size thresholds. */
    public LintOptions(Map<String, Optional<Severity>> rules, Severity failOn, Duration strataLockTimeout) {
        this(rules, failOn, strataLockTimeout, SizeThresholds.DEFAULTS);
    }

    public LintOptions withLockTimeout(Duration d) {
        return new LintOptions(rules, failOn, d, sizes);
    }

    public LintOptions withFailOn(Severity s) {
        return new LintOptions(rules, s, strataLockTimeout, sizes);
    }
}
