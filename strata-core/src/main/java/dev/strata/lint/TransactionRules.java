package dev.strata.lint;

import dev.strata.lint.Stmt.Kind;

import java.util.List;
import java.util.Set;

import static dev.strata.lint.Severity.ERROR;
import static dev.strata.lint.Severity.WARNING;

/** How a revision runs: transaction control, Strata's lock_timeout, data changes next to DDL, re-runnable statements. */
final class TransactionRules {
    private TransactionRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.of(RuleInfo.of("SA040", "transaction-nesting", ERROR,
                        "BEGIN, COMMIT or ROLLBACK in a revision that Strata runs inside a transaction",
                        "Strata runs a transactional revision and its version and history rows in one transaction. "
                                + "A COMMIT in the file ends it early: what came before is committed even if the rest "
                                + "fails, and the bookkeeping no longer matches the database.",
                        "Let Strata own the transaction: remove the statement. For work that must commit in steps, "
                                + "use '-- strata:transactional false' or split the revision.",
                        "", "transaction-nesting"), TransactionRules::nesting),
                new Rule() {
                    private final RuleInfo info = RuleInfo.of("SA041", "ban-uncommitted-transaction", ERROR,
                            "BEGIN without COMMIT or ROLLBACK in a non-transactional revision",
                            "The transaction stays open when the revision ends: its locks are held and its changes are "
                                    + "lost or committed by whatever runs next on the connection.",
                            "End every BEGIN with COMMIT in the same section.", "",
                            "ban-uncommitted-transaction");

                    @Override
                    public RuleInfo info() {
                        return info;
                    }

                    @Override
                    public void section(Scope scope, Sink out) {
                        if (!scope.transactional && scope.openTransactions > 0) {
                            Stmt begin = scope.all.stream().filter(s -> s.is(Kind.BEGIN)).reduce((a, b) -> b).orElse(null);
                            out.report(begin, "opens a transaction that the section never commits or rolls back");
                        }
                    }
                },
                Rule.of(RuleInfo.of("SA042", "lock-timeout-disabled", ERROR,
                        "A statement that waits for a strong lock while lock_timeout is off",
                        "A DDL statement waiting for its lock behind one long query makes every later query on the "
                                + "table wait behind it: the table is down until the lock is granted. Strata sets "
                                + "lock_timeout for every run (lock_timeout in strata.toml, default 2s) and retries on "
                                + "timeout; a revision that sets it to 0 or resets it, or a configuration without one, "
                                + "gives that up.",
                        "Keep Strata's lock_timeout (remove SET lock_timeout = 0 / RESET), or SET lock_timeout to a "
                                + "few seconds yourself before the statement.",
                        "lock_timeout in strata.toml ([strata] or [environments.NAME]).",
                        "require-timeout-settings", "require-lock-timeout", "require-statement-timeout"),
                        TransactionRules::lockTimeout),
                Rule.of(RuleInfo.of("SA043", "data-migration-with-schema-change", WARNING,
                        "UPDATE, DELETE or INSERT ... SELECT over an existing table mixed with schema changes, or over "
                                + "all of its rows",
                        "In a transactional revision the locks of the DDL are held until the data change is done; and "
                                + "one statement over every row holds row locks on all of them, bloats the table and "
                                + "lags replicas. Seed 002: separate data migrations from schema migrations.",
                        "Put the data change in its own revision, in batches (keyed by the primary key, a commit per "
                                + "batch).",
                        "Java revisions: op.backfill(table, set, pending, key...) runs a batched, resumable backfill.",
                        ""), TransactionRules::dataWithSchema),
                Rule.of(RuleInfo.of("SA044", "prefer-robust-stmts", WARNING,
                        "A non-transactional revision with a statement that fails when run a second time",
                        "A non-transactional revision that fails part way is left half-applied; 'strata upgrade "
                                + "--resume' runs the failed statement again, and a CREATE without IF NOT EXISTS (or a "
                                + "DROP without IF EXISTS) then fails on what the first attempt did.",
                        "Guard each statement: CREATE ... IF NOT EXISTS, DROP ... IF EXISTS, ADD COLUMN IF NOT EXISTS.",
                        "Java revisions: op.createIndex(...).ifNotExists().", "prefer-robust-stmts"),
                        TransactionRules::robust));
    }

    private static void nesting(Stmt s, Scope scope, Sink out) {
        if (scope.transactional && !s.inDo() && (s.is(Kind.BEGIN) || s.is(Kind.COMMIT) || s.is(Kind.ROLLBACK))) {
            out.report(s, s.kind().name() + " inside the transaction Strata opens for this revision");
        }
    }

    private static void lockTimeout(Stmt s, Scope scope, Sink out) {
        LockLevel lock = Locks.of(s);
        if (lock == null || lock == LockLevel.SHARE_UPDATE_EXCLUSIVE || scope.lockTimeoutReported
                || !scope.existing(s.table()) || scope.lockTimeoutActive()) {
            return;
        }
        scope.lockTimeoutReported = true;
        String why = scope.lockTimeoutOffAt > 0 ? "lock_timeout was turned off at line " + scope.lockTimeoutOffAt
                : "no lock_timeout is configured for Strata";
        out.report(s, s.table(), lock, Set.of(), "waits for " + lock.sql() + " on " + s.table()
                + " with no lock_timeout (" + why + ")");
    }

    private static void dataWithSchema(Stmt s, Scope scope, Sink out) {
        if (!Stmt.DATA.contains(s.kind()) || s.is(Kind.COPY) || !scope.existing(s.table())
                || (s.is(Kind.INSERT) && !s.has("select"))) {
            return;
        }
        boolean ddl = !scope.alteredExisting.isEmpty()
                || scope.all.stream().skip(scope.before.size() + 1L)
                .anyMatch(o -> Facts.isSchemaChange(o) && scope.existing(o.table()));
        if (scope.transactional && ddl) {
            out.report(s, s.table(), null, Set.of(Effect.FULL_SCAN),
                    s.kind().name() + " of " + s.table() + " in the same transaction as schema changes: the DDL locks "
                            + "are held until every row is done");
        } else if ((s.is(Kind.UPDATE) || s.is(Kind.DELETE)) && !s.has("where")) {
            out.report(s, s.table(), null, Set.of(Effect.FULL_SCAN),
                    s.kind().name() + " of every row of " + s.table() + " in one statement");
        }
    }

    private static void robust(Stmt s, Scope scope, Sink out) {
        if (scope.transactional) {
            return;
        }
        boolean guarded = Stmt.indexOfSequence(s.tokens(), 0, "if", "not", "exists") >= 0
                || Stmt.indexOfSequence(s.tokens(), 0, "if", "exists") >= 0;
        boolean create = s.is(Kind.CREATE_TABLE) || s.is(Kind.CREATE_INDEX) || s.is(Kind.DROP_TABLE)
                || s.is(Kind.DROP_INDEX) || (s.is(Kind.ALTER_TABLE) && s.actions().stream().anyMatch(a ->
                a.kind() == Stmt.ActionKind.ADD_COLUMN || a.kind() == Stmt.ActionKind.DROP_COLUMN));
        if (create && !guarded) {
            out.report(s, s.table(), null, Set.of(Effect.FAILS),
                    "is not guarded with IF [NOT] EXISTS in a non-transactional revision");
        }
    }
}
