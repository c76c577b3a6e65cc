package dev.strata.spring;

import dev.strata.engine.Status;
import dev.strata.engine.Strata;
import org.springframework.beans.factory.InitializingBean;

import dev.strata.engine.lint.LintVerdict;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Brings the database to {@code strata.target} when the bean is initialised: baselines an adopted database
 * (with {@code strata.baseline-on-empty}), then upgrades; with {@code strata.validate-only} it only checks and
 * fails start-up when the database is not up to date. A failure stops the application's start-up with the
 * engine's one-line message. Several instances starting at once take turns on Strata's advisory lock, so each
 * revision is applied once.
 */
public class StrataMigrationInitializer implements InitializingBean {
    private final Strata strata;
    private final StrataProperties properties;
    private final List<StatusListener> statusListeners;
    private volatile Strata.RunResult run;
    private volatile List<String> baselined = List.of();

    /** @param statusListeners told the status after the run (the meters' pending gauge) */
    public StrataMigrationInitializer(Strata strata, StrataProperties properties, List<StatusListener> statusListeners) {
        this.strata = strata;
        this.properties = properties;
        this.statusListeners = List.copyOf(statusListeners);
    }

    @Override
    public void afterPropertiesSet() {
        Status status;
        if (properties.isValidateOnly()) {
            status = strata.validate();
        } else {
            if (properties.isBaselineOnEmpty()) {
                baselined = strata.baseline(properties.getBaselineRevision());
            }
            if (properties.isFailOnLint()) {
                lint();
            }
            run = strata.upgrade(properties.getTarget());
            status = strata.status();
        }
        for (StatusListener l : statusListeners) {
            l.update(status);
        }
    }

    private void lint() {
        LintVerdict v = strata.lint(properties.getTarget(), properties.getLintAllow().toArray(String[]::new));
        if (v.refused()) {
            String findings = v.failing().stream().map(f -> f.location() + " " + f.severity().label() + " "
                    + f.rule().id() + " " + f.rule().name() + ": " + f.what()).collect(Collectors.joining("; "));
            throw new StrataException(ErrorCode.LINT_REFUSED, "upgrade refused before running anything: "
                    + v.failing().size() + " lint finding(s) at or above " + v.failOn().label() + ": " + findings
                    + "; fix them, suppress one in its revision with '-- strata:allow RULE reason', add the rule to"
                    + " strata.lint-allow, or set strata.fail-on-lint=false");
        }
    }

    /** What the start-up run did, or null when it only validated. */
    public Strata.RunResult run() {
        return run;
    }

    /** The revisions a baseline recorded at start-up (empty when none was needed). */
    public List<String> baselined() {
        return baselined;
    }
}
