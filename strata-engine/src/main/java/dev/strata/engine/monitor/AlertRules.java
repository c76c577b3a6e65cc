package dev.strata.engine.monitor;

import dev.strata.engine.config.Durations;
import dev.strata.engine.config.MonitorConfig;
import dev.strata.engine.config.Redaction;
import dev.strata.run.StepMetrics;

import java.util.ArrayList;
import java.util.List;

/** Which of the configured alert conditions a run met (facts in, alerts out; nothing is sent here). */
public final class AlertRules {
    private AlertRules() {
    }

    public static List<Alert> evaluate(RunMetrics run, MonitorConfig.Alerts rules) {
        List<Alert> out = new ArrayList<>();
        if (rules.revisionLongerThan().isPresent()) {
            long limit = rules.revisionLongerThan().get().toMillis();
            for (StepMetrics s : run.revisions()) {
                if (s.durationMs() > limit) {
                    out.add(new Alert("revision_longer_than", s.revision(), s.direction() + " of revision "
                            + s.revision() + " took " + Durations.format(java.time.Duration.ofMillis(s.durationMs()))
                            + ", longer than " + Durations.format(rules.revisionLongerThan().get())));
                }
            }
        }
        if (rules.verificationFailure()) {
            for (StepMetrics s : run.revisions()) {
                if (s.verify() != null && !s.verify().passed()) {
                    out.add(new Alert("verification_failure", s.revision(), "verification of revision " + s.revision()
                            + " failed: " + Redaction.redact(s.verify().failure())));
                }
            }
        }
        if (rules.failure() && run.failed()) {
            String failed = run.revisions().stream().filter(s -> !s.status().equals("ok")).map(StepMetrics::revision)
                    .findFirst().orElse(null);
            out.add(new Alert("failure", failed, run.direction() + " failed: "
                    + Redaction.redact(String.valueOf(run.error()))));
        }
        if (rules.downgrade() && run.direction().equals("downgrade") && !run.revisions().isEmpty()) {
            out.add(new Alert("downgrade", null, "downgrade to " + run.target() + " reverted "
                    + run.revisions().size() + " revision(s): " + String.join(", ",
                    run.revisions().stream().map(StepMetrics::revision).toList())));
        }
        return List.copyOf(out);
    }
}
