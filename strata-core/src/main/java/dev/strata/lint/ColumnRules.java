package dev.strata.lint;

import dev.strata.lint.Stmt.Action;
import dev.strata.lint.Stmt.ActionKind;
import dev.strata.lint.Stmt.ColumnDef;
import dev.strata.lint.Stmt.Kind;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static dev.strata.lint.Severity.ERROR;
import static dev.strata.lint.Severity.WARNING;

/** Column changes on existing tables: defaults that rewrite, NOT NULL, type changes, renames and drops. */
final class ColumnRules {
    private ColumnRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.of(RuleInfo.of("SA010", "adding-field-with-volatile-default", ERROR,
                        "ADD COLUMN with a volatile default or a stored generated expression on an existing table",
                        "A constant or STABLE default (0, 'x', now()) is stored once, without touching rows. A volatile "
                                + "one (random(), gen_random_uuid(), clock_timestamp(), nextval(), any unknown "
                                + "function) or GENERATED ... STORED rewrites the whole table and its indexes under "
                                + "ACCESS EXCLUSIVE: no reads, no writes, twice the disk.",
                        "Add the column without a default, SET DEFAULT for new rows, backfill the old rows in batches, "
                                + "then add constraints.",
                        "Java revisions: op.addColumn(table, col, type, c -> c.defaultValue(expr)) renders exactly "
                                + "that (nullable add, SET DEFAULT, batched backfill); SQL: op.backfill for the batches.",
                        "adding-field-with-default"), ColumnRules::volatileDefault),
                Rule.of(RuleInfo.of("SA011", "adding-serial-or-identity-column", ERROR,
                        "ADD COLUMN of type serial/bigserial or GENERATED ... AS IDENTITY on an existing table",
                        "Every existing row gets a value from the sequence, so the table is rewritten under ACCESS "
                                + "EXCLUSIVE.",
                        "Add a nullable bigint, attach a sequence default or identity, backfill in batches, then make "
                                + "it NOT NULL the safe way (SA013); or create the table with the column.",
                        "", "adding-serial-primary-key-field"), ColumnRules::serialColumn),
                Rule.of(RuleInfo.of("SA012", "adding-required-field", ERROR,
                        "ADD COLUMN ... NOT NULL without a default on an existing table",
                        "It fails as soon as the table has a row: it works on an empty development database and "
                                + "breaks the deploy in production.",
                        "Give it a constant default, or add it nullable, backfill, then SET NOT NULL the safe way "
                                + "(SA013).",
                        "Java revisions: op.addColumn(table, col, type, c -> c.notNull()) adds nullable, backfills "
                                + "and sets NOT NULL through a validated CHECK.",
                        "adding-required-field"), ColumnRules::requiredField),
                Rule.of(RuleInfo.of("SA013", "setting-not-null-without-check", ERROR,
                        "ALTER COLUMN ... SET NOT NULL on an existing table without a validated CHECK (col IS NOT NULL)",
                        "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE (reads and writes wait) and fails if "
                                + "a NULL is left. PostgreSQL 12+ skips the scan when a validated CHECK (col IS NOT "
                                + "NULL) exists.",
                        "1) ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; 2) VALIDATE CONSTRAINT c (SHARE UPDATE "
                                + "EXCLUSIVE) in a later revision; 3) SET NOT NULL (no scan); 4) DROP CONSTRAINT c.",
                        "Java revisions: op.alterColumn(table, col, a -> a.setNotNull()) renders these steps.",
                        "adding-not-nullable-field"), ColumnRules::setNotNull),
                Rule.of(RuleInfo.of("SA014", "changing-column-type", ERROR,
                        "ALTER COLUMN ... TYPE that rewrites the table",
                        "Unless the new type is binary-compatible (varchar(n) to a longer varchar or text, numeric "
                                + "precision increase, cidr to inet), the table and all its indexes are rewritten "
                                + "under ACCESS EXCLUSIVE; the classic outage is int to bigint on a primary key.",
                        "Expand and contract: add a column of the new type, keep it in sync with a trigger, backfill in "
                                + "batches, switch the readers, drop the old column. Run ANALYZE afterwards.",
                        "Java revisions: op.alterColumnType(table, col, from, to) does the expand/contract unless the "
                                + "change is binary-compatible.",
                        "changing-column-type"), ColumnRules::typeChange),
                Rule.of(RuleInfo.of("SA015", "renaming-column", WARNING,
                        "ALTER TABLE ... RENAME COLUMN on an existing table",
                        "The rename is instant, but application instances still running the old code use the old name "
                                + "and fail until they are replaced.",
                        "Expand and contract: add the new column, write both, backfill, switch reads, drop the old one "
                                + "in a later release.",
                        "Java revisions: op.renameColumnExpand(...) now and op.renameColumnContract(...) in a later "
                                + "revision (a view or trigger keeps both names working).",
                        "renaming-column"), ColumnRules::renameColumn),
                Rule.of(RuleInfo.of("SA016", "renaming-table", WARNING,
                        "ALTER TABLE ... RENAME TO on an existing table",
                        "Running code still queries the old name and fails until it is redeployed.",
                        "Rename and create a view under the old name for one release, or copy to a new table with dual "
                                + "writes.",
                        "", "renaming-table"), ColumnRules::renameTable),
                Rule.of(RuleInfo.of("SA017", "ban-drop-column", WARNING,
                        "ALTER TABLE ... DROP COLUMN on an existing table",
                        "The data is gone for good, and code (ORMs that cache the column list) still using the column "
                                + "fails until it is replaced.",
                        "Release 1: stop reading and writing the column. Release 2: drop it, in a revision whose header "
                                + "says '-- strata:destructive REASON' (the finding then drops to info).",
                        "Java revisions: op.dropColumn(table, col, type, definition) keeps the definition so the "
                                + "downgrade can re-add it.",
                        "ban-drop-column"), ColumnRules::dropColumn),
                Rule.of(RuleInfo.of("SA018", "ban-drop-not-null", WARNING,
                        "ALTER COLUMN ... DROP NOT NULL",
                        "Readers that assume the column is never NULL start failing once NULLs are written.",
                        "Treat it as a contract step: change the readers first, then drop the constraint.",
                        "", "ban-drop-not-null"), ColumnRules::dropNotNull));
    }

    private static boolean existingAlter(Stmt s, Scope scope) {
        return s.is(Kind.ALTER_TABLE) && scope.existing(s.table());
    }

    private static void forActions(Stmt s, Scope scope, ActionKind kind, Predicate<Action> when,
                                   java.util.function.Consumer<Action> report) {
        if (!existingAlter(s, scope)) {
            return;
        }
        for (Action a : s.actions()) {
            if (a.kind() == kind && when.test(a)) {
                report.accept(a);
            }
        }
    }

    private static ColumnDef def(Stmt s, Action a) {
        for (ColumnDef c : s.columns()) {
            if (c.name().equals(a.column())) {
                return c;
            }
        }
        return null;
    }

    private static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial", "serial4", "serial8",
            "serial2");

    static boolean serialType(String type) {
        return SERIAL_TYPES.contains(type);
    }

    private static void volatileDefault(Stmt s, Scope scope, Sink out) {
        forActions(s, scope, ActionKind.ADD_COLUMN, a -> true, a -> {
            ColumnDef c = def(s, a);
            if (c == null) {
                return;
            }
            boolean stored = c.has("generated") && c.has("stored");
            if (stored || Defaults.isVolatile(c.tokens())) {
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.REWRITE),
                        "adds column " + c.name() + " to existing table " + s.table()
                                + (stored ? " as a stored generated column" : " with a volatile default"));
            }
        });
    }

    private static void serialColumn(Stmt s, Scope scope, Sink out) {
        forActions(s, scope, ActionKind.ADD_COLUMN, a -> true, a -> {
            ColumnDef c = def(s, a);
            if (c != null && (serialType(c.type()) || (c.has("generated") && c.has("identity")))) {
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.REWRITE),
                        "adds " + (serialType(c.type()) ? c.type() : "identity") + " column " + c.name()
                                + " to existing table " + s.table() + ": every row gets a value");
            }
        });
    }

    private static void requiredField(Stmt s, Scope scope, Sink out) {
        forActions(s, scope, ActionKind.ADD_COLUMN, a -> true, a -> {
            ColumnDef c = def(s, a);
            if (c != null && Stmt.indexOfSequence(c.tokens(), 0, "not", "null") >= 0 && !c.has("default")
                    && !c.has("generated") && !serialType(c.type())) {
                out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.FAILS),
                        "adds NOT NULL column " + c.name() + " without a default to existing table " + s.table()
                                + ": fails if the table has rows");
            }
        });
    }

    private static void setNotNull(Stmt s, Scope scope, Sink out) {
        forActions(s, scope, ActionKind.SET_NOT_NULL,
                a -> !scope.chain.provenNotNull(s.table(), a.column()),
                a -> out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.FULL_SCAN, Effect.FAILS),
                        "sets NOT NULL on " + s.table() + "." + a.column()
                                + " with no validated CHECK (" + a.column() + " IS NOT NULL) to skip the scan"));
    }

    private static void typeChange(Stmt s, Scope scope, Sink out) {
        forActions(s, scope, ActionKind.ALTER_TYPE, a -> true, a -> {
            int at = Stmt.indexOfSequence(a.tokens(), 0, "type");
            ColumnDef to = at < 0 ? null : StatementClassifier.columnDef(a.tokens(), at);
            String toType = to == null ? "" : to.type();
            if (toType.startsWith("vector") || toType.startsWith("halfvec")) {
                return; // SA302
            }
            String from = scope.chain.type(s.table(), a.column());
            if (from != null && Casts.binaryCompatible(from, toType) && !a.has("using")) {
                return;
            }
            out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.REWRITE),
                    "changes the type of " + s.table() + "." + a.column() + (from == null ? "" : " from " + from)
                            + " to " + toType);
        });
    }

    private static void renameColumn(Stmt s, Scope scope, Sink out) {
        forActions(s, scope, ActionKind.RENAME_COLUMN, a -> true,
                a -> out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.BREAKS_CLIENTS),
                        "renames column " + s.table() + "." + a.column()));
    }

    private static void renameTable(Stmt s, Scope scope, Sink out) {
        forActions(s, scope, ActionKind.RENAME_TABLE, a -> true,
                a -> out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.BREAKS_CLIENTS),
                        "renames table " + s.table()));
    }

    private static void dropColumn(Stmt s, Scope scope, Sink out) {
        if (!scope.upgrade) {
            return; // a downgrade undoing an added column: SA033
        }
        forActions(s, scope, ActionKind.DROP_COLUMN, a -> true,
                a -> out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.DATA_LOSS, Effect.BREAKS_CLIENTS),
                        "drops column " + s.table() + "." + a.column()));
    }

    private static void dropNotNull(Stmt s, Scope scope, Sink out) {
        if (!scope.upgrade) {
            return;
        }
        forActions(s, scope, ActionKind.DROP_NOT_NULL, a -> true,
                a -> out.report(s, s.table(), LockLevel.ACCESS_EXCLUSIVE, Set.of(Effect.BREAKS_CLIENTS),
                        "drops NOT NULL from " + s.table() + "." + a.column()));
    }
}
