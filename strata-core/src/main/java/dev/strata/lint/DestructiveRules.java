package dev.strata.lint;

import dev.strata.lint.Stmt.ActionKind;
import dev.strata.lint.Stmt.Kind;

import java.util.List;
import java.util.Set;

import static dev.strata.lint.Severity.ERROR;
import static dev.strata.lint.Severity.WARNING;

/** Data loss: dropped tables, schemas and databases, TRUNCATE, and the revision's own declaration of it. */
final class DestructiveRules {
    private DestructiveRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.of(RuleInfo.of("SA030", "ban-drop-table", WARNING,
                        "DROP TABLE or DROP SCHEMA of an existing object in an upgrade",
                        "The data is gone for good (ACCESS EXCLUSIVE, also on the tables it references), and code "
                                + "still using the table fails.",
                        "Drop it in its own revision after the code stopped using it, with '-- strata:destructive "
                                + "REASON' in the header (the finding then drops to info).",
                        "Java revisions: op.dropTable(table, definition) keeps the definition for the downgrade.",
                        "ban-drop-table", "ban-drop-schema"), DestructiveRules::dropTable),
                Rule.of(RuleInfo.of("SA031", "ban-drop-database", ERROR,
                        "DROP DATABASE in a revision",
                        "A revision that drops a database destroys everything in it; it does not belong in a "
                                + "migration chain.",
                        "Drop databases by hand, outside the revisions.", "",
                        "ban-drop-database"), DestructiveRules::dropDatabase),
                Rule.of(RuleInfo.of("SA032", "ban-truncate-cascade", ERROR,
                        "TRUNCATE ... CASCADE",
                        "CASCADE also empties every table that references the truncated one, and theirs, silently, "
                                + "under ACCESS EXCLUSIVE on all of them.",
                        "Truncate (or delete from) the tables you mean, by name.", "",
                        "ban-truncate-cascade"), DestructiveRules::truncateCascade),
                Rule.of(RuleInfo.of("SA033", "destructive-downgrade-undeclared", WARNING,
                        "A downgrade that destroys data, in a revision without '-- strata:destructive'",
                        "Running the downgrade drops tables or columns, or deletes rows, that may hold data written "
                                + "since the upgrade; seed 000 asks for destructive operations to be documented.",
                        "Add '-- strata:destructive REASON' to the header so reviewers and 'strata downgrade' see it, "
                                + "or make the downgrade keep the data.",
                        "Header line '-- strata:destructive REASON'."), DestructiveRules::downgradeUndeclared),
                new Rule() {
                    private final RuleInfo info = RuleInfo.of("SA034", "missing-downgrade", WARNING,
                            "A revision that cannot be undone: declared irreversible, or an empty downgrade section",
                            "Seed 000's validation asks every revision for an upgrade and a downgrade; without one, "
                                    + "'strata downgrade' and the up-down-up check in CI cannot pass through it.",
                            "Write the downgrade statements; keep '-- strata:irreversible REASON' for baselines "
                                    + "and true one-way changes (then suppress this finding with the reason).",
                            "Java revisions: ops know their own reverse.");

                    @Override
                    public RuleInfo info() {
                        return info;
                    }

                    @Override
                    public void section(Scope scope, Sink out) {
                        if (!scope.upgrade && scope.irreversible) {
                            out.report(null, "is declared irreversible: it has no downgrade");
                        } else if (!scope.upgrade && scope.all.isEmpty() && scope.changedSchema) {
                            out.report(null, "has an empty downgrade section although its upgrade changes the schema");
                        }
                    }
                });
    }

    private static void dropTable(Stmt s, Scope scope, Sink out) {
        if (!scope.upgrade) {
            return;
        }
        if ((s.is(Kind.DROP_TABLE) || s.is(Kind.DROP_SCHEMA)) && scope.existing(s.table())) {
            out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.DATA_LOSS, Effect.BREAKS_CLIENTS),
                    "drops " + (s.is(Kind.DROP_SCHEMA) ? "schema " : "table ") + s.table()
                            + (s.has("cascade") ? " with CASCADE" : ""));
        }
    }

    private static void dropDatabase(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.DROP_DATABASE)) {
            out.report(s, null, null, Set.of(Effect.DATA_LOSS), "drops database " + s.table());
        }
    }

    private static void truncateCascade(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.TRUNCATE) && s.has("cascade")) {
            out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.DATA_LOSS),
                    "truncates " + s.table() + " and, through CASCADE, every table that references it");
        }
    }

    /** True when the statement destroys data of an existing table. */
    static boolean destroysData(Stmt s) {
        return switch (s.kind()) {
            case DROP_TABLE, DROP_SCHEMA, TRUNCATE -> true;
            case DELETE -> !s.has("where");
            case ALTER_TABLE -> s.actions().stream().anyMatch(a -> a.kind() == ActionKind.DROP_COLUMN);
            case SELECT -> s.calls().contains("drop_chunks");
            default -> false;
        };
    }

    private static void downgradeUndeclared(Stmt s, Scope scope, Sink out) {
        if (!scope.upgrade && scope.destructive == null && destroysData(s)) {
            out.report(s, s.table(), null, Set.of(Effect.DATA_LOSS),
                    "the downgrade destroys data (" + s.excerpt() + ") and the header declares no 'destructive'");
        }
    }
}
