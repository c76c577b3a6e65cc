package dev.strata.lint;

import dev.strata.lint.Stmt.Action;
import dev.strata.lint.Stmt.ActionKind;
import dev.strata.lint.Stmt.Kind;

import java.util.List;
import java.util.Set;

import static dev.strata.lint.Severity.ERROR;
import static dev.strata.lint.Severity.WARNING;

/** Statements that copy a whole table under ACCESS EXCLUSIVE, and table-level switches that silently change behaviour. */
final class RewriteRules {
    private static final Set<ActionKind> REWRITING = Set.of(ActionKind.SET_LOGGED, ActionKind.SET_UNLOGGED,
            ActionKind.SET_TABLESPACE, ActionKind.SET_ACCESS_METHOD);

    private RewriteRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.of(RuleInfo.of("SA050", "table-rewrite", ERROR,
                        "VACUUM FULL, CLUSTER, SET LOGGED / UNLOGGED, SET TABLESPACE or SET ACCESS METHOD on an "
                                + "existing table",
                        "Each copies the whole table (and rebuilds its indexes) while holding ACCESS EXCLUSIVE: no "
                                + "reads, no writes until the copy is done.",
                        "Use an online repack tool (pg_repack, pg_squeeze) outside the revisions, or copy into a new "
                                + "table and swap names.", "", "prefer-repack"), RewriteRules::rewrite),
                Rule.of(RuleInfo.of("SA051", "ban-disable-trigger", WARNING,
                        "ALTER TABLE ... DISABLE TRIGGER",
                        "Takes SHARE ROW EXCLUSIVE and, while disabled, the trigger's invariants (audit rows, "
                                + "foreign keys with DISABLE TRIGGER ALL) are silently not kept for every session.",
                        "Do the work without disabling triggers, or make the trigger itself skip the migration's "
                                + "rows.", "", "ban-disable-trigger"), RewriteRules::disableTrigger),
                Rule.of(RuleInfo.of("SA052", "ban-alter-replica-identity", WARNING,
                        "ALTER TABLE ... REPLICA IDENTITY",
                        "Takes ACCESS EXCLUSIVE and changes what logical replication and CDC consumers receive for "
                                + "UPDATE and DELETE; subscribers can break.",
                        "Coordinate with the replication consumers and change it in its own revision.", "",
                        "ban-replica-identity"), RewriteRules::replicaIdentity));
    }

    private static void rewrite(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.VACUUM) && s.has("full")) {
            out.report(s, s.table() == null ? tableAfterFull(s) : s.table(), LockLevel.ACCESS_EXCLUSIVE,
                    Set.of(Effect.REWRITE), "VACUUM FULL rewrites the table");
        } else if (s.is(Kind.CLUSTER) && scope.existing(s.table())) {
            out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.REWRITE),
                    "CLUSTER rewrites " + s.table() + " in index order");
        } else if (s.is(Kind.ALTER_TABLE) && scope.existing(s.table())) {
            for (Action a : s.actions()) {
                if (REWRITING.contains(a.kind())) {
                    out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.REWRITE),
                            words(a) + " rewrites " + s.table());
                }
            }
        }
    }

    private static String tableAfterFull(Stmt s) {
        List<Token> t = s.tokens();
        for (int i = t.size() - 1; i > 0; i--) {
            if (t.get(i).isName() && !t.get(i).is("full") && !t.get(i).is("verbose") && !t.get(i).is("analyze")) {
                Names.Read r = Names.at(t, i);
                return r == null ? null : r.key();
            }
        }
        return null;
    }

    private static String words(Action a) {
        StringBuilder b = new StringBuilder();
        for (Token t : a.tokens().subList(0, Math.min(3, a.tokens().size()))) {
            b.append(b.length() == 0 ? "" : " ").append(t.text().toUpperCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }

    private static void disableTrigger(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.ALTER_TABLE) && scope.existing(s.table()) && s.actions().stream()
                .anyMatch(a -> a.kind() == ActionKind.TRIGGER_STATE && a.tokens().get(0).is("disable"))) {
            out.report(s, s.table(), LockLevel.SHARE_ROW_EXCLUSIVE, Set.of(Effect.BREAKS_CLIENTS),
                    "disables triggers on " + s.table());
        }
    }

    private static void replicaIdentity(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.ALTER_TABLE) && scope.existing(s.table())
                && s.actions().stream().anyMatch(a -> a.kind() == ActionKind.REPLICA_IDENTITY)) {
            out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.BREAKS_CLIENTS),
                    "changes the replica identity of " + s.table());
        }
    }
}
