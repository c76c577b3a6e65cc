package dev.strata.spring;

import dev.strata.engine.Status;
import dev.strata.engine.Strata;
import dev.strata.error.StrataException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health verdict, apart from Boot's health API (which moved between Boot 3 and 4): DOWN when revisions are
 * pending, failed or stopped part way, or an applied file changed; UP otherwise. Applied revisions unknown to
 * this application (a newer version already migrated the database, as in a rolling deployment) keep it UP and
 * are listed in the details.
 */
final class StrataHealth {
    private final Strata strata;
    private final java.util.List<StatusListener> statusListeners;

    StrataHealth(Strata strata, java.util.List<StatusListener> statusListeners) {
        this.strata = strata;
        this.statusListeners = java.util.List.copyOf(statusListeners);
    }

    /** The verdict and its details. */
    record Verdict(boolean up, Map<String, Object> details) {
    }

    Verdict check() {
        Map<String, Object> details = new LinkedHashMap<>();
        Status status;
        try {
            status = strata.status();
        } catch (StrataException e) {
            details.put("error", e.getMessage());
            return new Verdict(false, details);
        }
        for (StatusListener l : statusListeners) {
            l.update(status);
        }
        details.put("current", status.current());
        details.put("pending", status.pending().stream().map(Status.PendingRevision::revision).toList());
        if (!status.needsRepair().isEmpty()) {
            details.put("failed", status.needsRepair().stream().map(Status.NeedsRepair::revision).toList());
        }
        if (!status.checksumMismatches().isEmpty()) {
            details.put("checksumMismatches",
                    status.checksumMismatches().stream().map(Status.ChecksumMismatch::revision).toList());
        }
        if (!status.unknownApplied().isEmpty()) {
            details.put("unknownApplied", status.unknownApplied());
        }
        return new Verdict(status.pending().isEmpty() && !status.blocked(), details);
    }
}
