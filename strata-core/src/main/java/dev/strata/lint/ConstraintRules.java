package dev.strata.lint;

import dev.strata.lint.Stmt.Action;
import dev.strata.lint.Stmt.ActionKind;
import dev.strata.lint.Stmt.ColumnDef;
import dev.strata.lint.Stmt.Kind;

import java.util.List;
import java.util.Set;

import static dev.strata.lint.Severity.ERROR;
import static dev.strata.lint.Severity.INFO;
import static dev.strata.lint.Severity.WARNING;

/** Constraints: NOT VALID, foreign keys, unique and primary keys, exclusion, drops, and the index behind a FK. */
final class ConstraintRules {
    private ConstraintRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.of(RuleInfo.of("SA020", "constraint-missing-not-valid", ERROR,
                        "ADD CONSTRAINT ... CHECK without NOT VALID on an existing table",
                        "Adding a CHECK validates every row while ACCESS EXCLUSIVE is held: reads and writes wait for "
                                + "the whole scan.",
                        "ADD CONSTRAINT ... NOT VALID (instant; new rows are checked), then VALIDATE CONSTRAINT in a "
                                + "later revision (SHARE UPDATE EXCLUSIVE: reads and writes go on).",
                        "Java revisions: op.createCheckConstraint(...) adds NOT VALID and validates separately "
                                + "(Mode.ONLINE).",
                        "constraint-missing-not-valid"), ConstraintRules::checkNotValid),
                Rule.of(RuleInfo.of("SA021", "adding-foreign-key-constraint", ERROR,
                        "A foreign key added to an existing table without NOT VALID",
                        "ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables and checks every row of the "
                                + "referencing table while holding it: writes to both tables wait.",
                        "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then VALIDATE CONSTRAINT in a later revision "
                                + "(SHARE UPDATE EXCLUSIVE on the referencing table, ROW SHARE on the other).",
                        "Java revisions: op.createForeignKey(...) adds NOT VALID and validates separately.",
                        "adding-foreign-key-constraint"), ConstraintRules::foreignKey),
                Rule.of(RuleInfo.of("SA022", "disallowed-unique-constraint", ERROR,
                        "ADD CONSTRAINT ... UNIQUE without USING INDEX on an existing table",
                        "The unique index is built while ACCESS EXCLUSIVE is held: no reads, no writes for the "
                                + "whole build. It also fails on existing duplicates.",
                        "CREATE UNIQUE INDEX CONCURRENTLY in a non-transactional revision, then ADD CONSTRAINT ... "
                                + "UNIQUE USING INDEX (instant).",
                        "Java revisions: op.createUniqueConstraint(...) builds the index concurrently first.",
                        "disallowed-unique-constraint"), ConstraintRules::unique),
                Rule.of(RuleInfo.of("SA023", "adding-primary-key-constraint", ERROR,
                        "ADD PRIMARY KEY without USING INDEX on an existing table",
                        "The primary key index is built under ACCESS EXCLUSIVE, and nullable key columns are scanned "
                                + "to set NOT NULL.",
                        "Make the columns NOT NULL the safe way (SA013), CREATE UNIQUE INDEX CONCURRENTLY, then ADD "
                                + "PRIMARY KEY USING INDEX.",
                        "Java revisions: op.createPrimaryKey(...) builds the index concurrently first.",
                        "adding-serial-primary-key-field"), ConstraintRules::primaryKey),
                Rule.of(RuleInfo.of("SA024", "ban-add-exclusion-constraint", ERROR,
                        "ADD CONSTRAINT ... EXCLUDE on an existing table",
                        "The exclusion index is built and every row checked under ACCESS EXCLUSIVE; there is no "
                                + "concurrent form.",
                        "Create the constraint with the table, or plan a maintenance window.", ""),
                        ConstraintRules::exclusion),
                Rule.of(RuleInfo.of("SA025", "ban-drop-constraint", WARNING,
                        "ALTER TABLE ... DROP CONSTRAINT",
                        "The guarantee is gone at once (a dropped foreign key also locks the referenced table), and "
                                + "putting it back online takes the NOT VALID / concurrent-index steps again.",
                        "Make sure nothing relies on it; keep the definition for the downgrade.",
                        "Java revisions: op.dropConstraint(...); the downgrade re-adds it the safe way.",
                        "ban-drop-constraint"), ConstraintRules::dropConstraint),
                new Rule() {
                    private final RuleInfo info = RuleInfo.of("SA026", "foreign-key-without-index", INFO,
                            "A foreign key whose referencing columns have no index",
                            "Every DELETE or key UPDATE on the referenced table scans the referencing table for "
                                    + "matching rows, and ON DELETE CASCADE becomes a sequential scan.",
                            "Index the referencing columns (CREATE INDEX CONCURRENTLY on an existing table) in the same "
                                    + "or the next revision.",
                            "Java revisions: op.createIndex(name, table, columns...) next to op.createForeignKey.");

                    @Override
                    public RuleInfo info() {
                        return info;
                    }

                    @Override
                    public void section(Scope scope, Sink out) {
                        if (scope.upgrade) {
                            scope.all.forEach(s -> unindexedForeignKeys(s, scope, out));
                        }
                    }
                },
                Rule.of(RuleInfo.of("SA027", "validate-in-same-transaction", ERROR,
                        "VALIDATE CONSTRAINT in the same transaction as a strong lock on the table",
                        "VALIDATE takes only SHARE UPDATE EXCLUSIVE, but in a transactional revision the ACCESS "
                                + "EXCLUSIVE (or SHARE ROW EXCLUSIVE) of the ADD ... NOT VALID before it is still held "
                                + "for the whole validation: the point of NOT VALID is lost.",
                        "Validate in a later revision (each revision is its own transaction), or in a non-transactional "
                                + "revision.",
                        "Java revisions: op.validateConstraint(...) in the next revision.",
                        "constraint-missing-not-valid"), ConstraintRules::validateSameTransaction));
    }

    private static boolean existingAlter(Stmt s, Scope scope) {
        return s.is(Kind.ALTER_TABLE) && scope.existing(s.table());
    }

    private static void checkNotValid(Stmt s, Scope scope, Sink out) {
        if (!existingAlter(s, scope)) {
            return;
        }
        for (Action a : s.actions()) {
            if (a.kind() == ActionKind.ADD_CONSTRAINT && a.has("check") && !a.has("valid")) {
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.FULL_SCAN, Effect.FAILS),
                        "adds a CHECK constraint to existing table " + s.table() + " and validates every row");
            }
        }
    }

    private static void foreignKey(Stmt s, Scope scope, Sink out) {
        if (!existingAlter(s, scope)) {
            return;
        }
        for (Action a : s.actions()) {
            boolean fk = (a.kind() == ActionKind.ADD_CONSTRAINT && a.has("foreign"))
                    || (a.kind() == ActionKind.ADD_COLUMN && a.has("references"));
            if (fk && !a.has("valid")) {
                String other = referenced(a.tokens());
                out.report(s, s.table(), LockLevel.SHARE_ROW_EXCLUSIVE,
                        a.kind() == ActionKind.ADD_COLUMN ? Set.of() : Set.of(Effect.FULL_SCAN),
                        "adds a foreign key from existing table " + s.table() + (other == null ? "" : " to " + other)
                                + (a.kind() == ActionKind.ADD_COLUMN ? "; both tables are locked against writes"
                                : "; writes to both tables wait while every row is checked"));
            }
        }
    }

    static String referenced(List<Token> t) {
        int r = Stmt.indexOfSequence(t, 0, "references");
        Names.Read name = r < 0 ? null : Names.at(t, r + 1);
        return name == null ? null : name.key();
    }

    private static void unique(Stmt s, Scope scope, Sink out) {
        if (!existingAlter(s, scope)) {
            return;
        }
        for (Action a : s.actions()) {
            if (a.kind() == ActionKind.ADD_CONSTRAINT && a.has("unique") && !a.has("using")) {
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.INDEX_BUILD, Effect.FAILS),
                        "adds a UNIQUE constraint to existing table " + s.table() + ", building its index under the lock");
            }
        }
    }

    private static void primaryKey(Stmt s, Scope scope, Sink out) {
        if (!existingAlter(s, scope)) {
            return;
        }
        for (Action a : s.actions()) {
            boolean pk = a.has("primary") && !a.has("using")
                    && (a.kind() == ActionKind.ADD_CONSTRAINT || a.kind() == ActionKind.ADD_COLUMN);
            if (pk) {
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.INDEX_BUILD, Effect.FULL_SCAN),
                        "adds a primary key to existing table " + s.table() + ", building its index under the lock");
            }
        }
    }

    private static void exclusion(Stmt s, Scope scope, Sink out) {
        if (!existingAlter(s, scope)) {
            return;
        }
        for (Action a : s.actions()) {
            if (a.kind() == ActionKind.ADD_CONSTRAINT && a.has("exclude")) {
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.INDEX_BUILD, Effect.FULL_SCAN),
                        "adds an exclusion constraint to existing table " + s.table());
            }
        }
    }

    private static void dropConstraint(Stmt s, Scope scope, Sink out) {
        if (!scope.upgrade || !existingAlter(s, scope)) {
            return;
        }
        for (Action a : s.actions()) {
            if (a.kind() == ActionKind.DROP_CONSTRAINT) {
                String name = a.tokens().size() > 2 ? Names.skipIfExists(a.tokens(), 2) < a.tokens().size()
                        ? a.tokens().get(Names.skipIfExists(a.tokens(), 2)).text() : "" : "";
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.BREAKS_CLIENTS),
                        "drops constraint " + name + " of " + s.table());
            }
        }
    }

    private static void validateSameTransaction(Stmt s, Scope scope, Sink out) {
        if (!scope.transactional || !s.is(Kind.ALTER_TABLE)) {
            return;
        }
        for (Action a : s.actions()) {
            if (a.kind() == ActionKind.VALIDATE) {
                String name = a.tokens().size() > 2 ? a.tokens().get(2).text() : "";
                if (scope.notValidAdded.contains(name) || scope.strongLockHeld) {
                    // the lock the earlier statement took on the table (observation showed an FK add holds SHARE
                    // ROW EXCLUSIVE, not ACCESS EXCLUSIVE)
                    LockLevel held = scope.held.getOrDefault(s.table(), LockLevel.ACCESS_EXCLUSIVE);
                    out.report(s, s.table(), held, Set.of(Effect.FULL_SCAN),
                            "validates " + name + " while this revision's transaction still holds a strong lock on "
                                    + s.table());
                }
            }
        }
    }

    /** Foreign keys of a statement whose referencing columns no index of the chain starts with. */
    private static void unindexedForeignKeys(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.CREATE_TABLE)) {
            for (ColumnDef c : s.columns()) {
                if (c.has("references") && !scope.chain.indexed(s.table(), List.of(c.name()))) {
                    report(s, s.table(), List.of(c.name()), referenced(c.tokens()), out);
                }
            }
        }
        if (!s.is(Kind.CREATE_TABLE) && !s.is(Kind.ALTER_TABLE)) {
            return;
        }
        List<Token> t = s.tokens();
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.get(i).is("foreign") && t.get(i + 1).is("key")) {
                List<String> cols = Names.columnList(t, i + 2);
                if (!cols.isEmpty() && !scope.chain.indexed(s.table(), cols)) {
                    report(s, s.table(), cols, referenced(t.subList(i, t.size())), out);
                }
            }
        }
        if (s.is(Kind.ALTER_TABLE)) {
            for (ColumnDef c : s.columns()) {
                if (c.has("references") && !scope.chain.indexed(s.table(), List.of(c.name()))) {
                    report(s, s.table(), List.of(c.name()), referenced(c.tokens()), out);
                }
            }
        }
    }

    private static void report(Stmt s, String table, List<String> cols, String other, Sink out) {
        out.report(s, table, null, Set.of(Effect.FULL_SCAN), "foreign key " + table + " (" + String.join(", ", cols)
                + ")" + (other == null ? "" : " -> " + other) + " has no index on the referencing side");
    }
}
