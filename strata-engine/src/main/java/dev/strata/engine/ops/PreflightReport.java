package dev.strata.engine.ops;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of the pre-checks: one entry per check, in the order they ran.
 *
 * @param passed whether no check failed (warnings pass)
 * @param checks the checks
 */
public record PreflightReport(boolean passed, List<PreflightReport.Check> checks) {
    public static final String OK = "ok";
    public static final String WARN = "warn";
    public static final String FAIL = "fail";

    public PreflightReport {
        checks = List.copyOf(checks);
        if (passed == checks.stream().anyMatch(c -> c.status().equals(FAIL))) {
            throw new IllegalArgumentException("passed must be true exactly when no check failed");
        }
    }

    /** The report of these checks. */
    public static PreflightReport of(List<Check> checks) {
        return new PreflightReport(checks.stream().noneMatch(c -> c.status().equals(FAIL)), checks);
    }

    /** Whether a check failed: upgrade then changes nothing. */
    public boolean failed() {
        return !passed;
    }

    /** The failed checks as one line: "sessions: ...; checksums: ...". */
    public String failures() {
        return String.join("; ", checks.stream().filter(c -> c.status().equals(FAIL))
                .map(c -> c.name() + ": " + c.detail()).toList());
    }

    /**
     * One check.
     *
     * @param name     connection, server_version, extensions, revisions, checksums, disk_space, sessions,
     *                 migration_lock
     * @param status   ok, warn or fail
     * @param detail   what was found, in one line
     * @param sessions the sessions that would block the pending DDL or hold old transactions (sessions only)
     */
    public record Check(String name, String status, String detail, List<Session> sessions) {
        public Check {
            Objects.requireNonNull(name, "name");
            if (!List.of(OK, WARN, FAIL).contains(status)) {
                throw new IllegalArgumentException("status " + status);
            }
            Objects.requireNonNull(detail, "detail");
            sessions = List.copyOf(sessions);
        }

        static Check of(String name, String status, String detail) {
            return new Check(name, status, detail, List.of());
        }
    }

    /**
     * Another session found by the sessions check.
     *
     * @param pid         its backend process id (for pg_terminate_backend)
     * @param user        its user
     * @param application its application_name
     * @param state       active, idle in transaction ...
     * @param ageSeconds  how long its transaction (else its query) has been running
     * @param table       the table it holds a lock on that the pending DDL needs, or null
     * @param mode        the lock mode it holds or waits for there, or null
     * @param query       its current or last query, shortened to 200 characters
     * @param reason      why it is listed: blocks (holds a conflicting lock in a transaction older than
     *                    {@code lock_holder_age}), brief (the same in a younger transaction), long_transaction
     */
    public record Session(int pid, String user, String application, String state, long ageSeconds, String table,
                          String mode, String query, String reason) {
    }
}
