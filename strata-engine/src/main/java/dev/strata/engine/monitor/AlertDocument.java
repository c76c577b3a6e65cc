package dev.strata.engine.monitor;

import java.util.List;

/**
 * The JSON document POSTed to the alert webhook (described by docs/json-schema/alert.schema.json). It names the
 * database by its configured name and environment, never by URL, so it carries no password.
 *
 * @param formatVersion 1
 * @param source        {@code strata}
 * @param toolVersion   Strata's version
 * @param alerts        the conditions met
 * @param run           the run, with each revision's measurements summarised
 */
public record AlertDocument(int formatVersion, String source, String toolVersion, List<Alert> alerts, Run run) {
    public AlertDocument {
        alerts = List.copyOf(alerts);
    }

    /** The run an alert is about. */
    public record Run(String direction, String target, String environment, String database, String startedAt,
                      long durationMs, String status, String error, String errorCode, List<Revision> revisions) {
        public Run {
            revisions = List.copyOf(revisions);
        }
    }

    /** One revision of the run. */
    public record Revision(String revision, String direction, String status, long durationMs, long rowsAffected,
                           long lockWaitMs, int lockRetries, Boolean verifyPassed) {
    }

    static AlertDocument of(RunMetrics m, List<Alert> alerts, String toolVersion) {
        return new AlertDocument(1, "strata", toolVersion, alerts, new Run(m.direction(), m.target(), m.environment(),
                m.database(), m.startedAt().toString(), m.durationMs(), m.status(), m.error(), m.errorCode(),
                m.revisions().stream().map(s -> new Revision(s.revision(), s.direction(), s.status(), s.durationMs(),
                        s.rowsAffected(), s.lockWaitMs(), s.lockRetries(),
                        s.verify() == null ? null : s.verify().passed())).toList()));
    }
}
