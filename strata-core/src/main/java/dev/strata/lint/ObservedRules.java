package dev.strata.lint;

import java.util.List;

/**
 * The rules only observed analysis reports: what replaying a revision on a scratch database showed that no
 * static rule predicted for the statement. Statically they never fire.
 */
public final class ObservedRules {
    public static final RuleInfo BLOCKING_LOCK = RuleInfo.of("SA950", "observed-blocking-lock", Severity.INFO,
            "Replayed on a scratch database, a statement took a lock that blocks writes (or reads) on a table that "
                    + "existed before the revision, and no rule flagged it",
            "The lock is held until the revision's transaction commits: every query that needs the table queues "
                    + "behind it, and behind a long-running query the statement itself waits with the lock queued. "
                    + "Short statements (ADD COLUMN without a default, SET DEFAULT) are usually fine with Strata's "
                    + "lock_timeout; the finding says which lock the database really took.",
            "Keep the statement short and alone in its transaction (no slow statement after it in a transactional "
                    + "revision); or use the online form of the change when there is one.",
            "Strata sets lock_timeout and retries the revision when the lock is not granted in time.");
    public static final RuleInfo REWRITE = RuleInfo.of("SA951", "observed-table-rewrite", Severity.ERROR,
            "Replayed on a scratch database, a statement rewrote a table that existed before the revision (its "
                    + "relfilenode changed), and no rule predicted it",
            "A rewrite copies the table and its indexes under ACCESS EXCLUSIVE: no reads, no writes, twice the disk, "
                    + "for as long as the copy takes on the real table.",
            "Find the online form: add the column without the default and backfill, change the type through a new "
                    + "column, or schedule the statement in a maintenance window.",
            "Java revisions: op.addColumn(...) with a default backfills in batches; op.backfill(...) for data.");
    public static final RuleInfo INVALID_INDEX = RuleInfo.of("SA952", "observed-invalid-index", Severity.ERROR,
            "Replayed on a scratch database, a statement left an index INVALID (pg_index.indisvalid is false)",
            "An INVALID index is not used by queries but is still maintained on every write, and a later CREATE INDEX "
                    + "... IF NOT EXISTS of the same name silently keeps the broken one.",
            "Fix the failing build (often a unique index over duplicates), drop the leftover with DROP INDEX "
                    + "CONCURRENTLY IF EXISTS, and build it again.",
            "Strata drops an INVALID leftover of the same name before it builds a named index concurrently.");
    public static final RuleInfo FAILED = RuleInfo.of("SA953", "observed-statement-failed", Severity.WARNING,
            "Replayed on a scratch database with the schema at its parent revision (and sample rows), a statement "
                    + "failed",
            "The same statement is likely to fail on the real database, leaving a non-transactional revision half "
                    + "applied; the scratch database had the parent revision's schema and a few sample rows per table.",
            "Read the error: a missing object, a constraint the existing rows violate, a type that does not cast. "
                    + "Fix the revision before it runs; if it fails only on the generated rows, pass --sample-from "
                    + "with a database that holds real-looking rows.",
            "");

    private ObservedRules() {
    }

    static List<RuleInfo> all() {
        return List.of(BLOCKING_LOCK, REWRITE, INVALID_INDEX, FAILED);
    }

    /** True for the rules only observed analysis reports. */
    public static boolean isObserved(String id) {
        return all().stream().anyMatch(r -> r.id().equals(id));
    }
}
