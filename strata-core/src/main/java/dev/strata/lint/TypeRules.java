package dev.strata.lint;

import dev.strata.lint.Stmt.Kind;

import java.util.List;
import java.util.Set;

import static dev.strata.lint.Severity.ERROR;
import static dev.strata.lint.Severity.WARNING;

/** Enum and domain changes. */
final class TypeRules {
    private TypeRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.of(RuleInfo.of("SA060", "require-enum-value-ordering", WARNING,
                        "ALTER TYPE ... ADD VALUE without BEFORE or AFTER",
                        "The value is appended at the end, which decides how enum values sort and compare (<, >, "
                                + "ORDER BY); appending by accident changes query results.",
                        "Say where it goes: ADD VALUE IF NOT EXISTS 'x' AFTER 'y'.",
                        "Java revisions: op.addEnumValue(type, value, after).", "require-enum-value-ordering"),
                        TypeRules::ordering),
                Rule.of(RuleInfo.of("SA061", "enum-value-used-in-same-transaction", ERROR,
                        "A new enum value used in the same transactional revision that adds it",
                        "PostgreSQL does not let a transaction use an enum value it added itself (unsafe use of new "
                                + "value); the revision fails.",
                        "Add the value in one revision and use it in a later one, or make the revision "
                                + "non-transactional.", ""), TypeRules::usedInTransaction),
                Rule.of(RuleInfo.of("SA062", "ban-create-domain-with-constraint", WARNING,
                        "CREATE DOMAIN ... CHECK or NOT NULL",
                        "Adding or changing the domain's constraints later validates every column of every table "
                                + "that uses the domain, under locks no one sees coming.",
                        "Use the base type and a CHECK constraint on each table (NOT VALID, then VALIDATE).", "",
                        "ban-create-domain-with-constraint"), TypeRules::createDomain),
                Rule.of(RuleInfo.of("SA063", "ban-alter-domain-with-add-constraint", ERROR,
                        "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID",
                        "Every column of every table using the domain is scanned while the tables are locked.",
                        "ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a later revision; better, CHECK "
                                + "constraints on the tables.", "", "ban-alter-domain-with-add-constraint"),
                        TypeRules::alterDomain));
    }

    private static void ordering(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.ALTER_TYPE) && s.hasSequence("add", "value") && !s.has("before") && !s.has("after")) {
            out.report(s, s.table(), null, Set.of(), "appends a value to enum " + s.table() + " without BEFORE/AFTER");
        }
    }

    private static void usedInTransaction(Stmt s, Scope scope, Sink out) {
        if (!scope.transactional || scope.enumValuesAdded.isEmpty() || s.is(Kind.ALTER_TYPE)) {
            return;
        }
        for (Token t : s.tokens()) {
            if (t.type() == Token.Type.STRING && scope.enumValuesAdded.contains(t.text())) {
                out.report(s, s.table(), null, Set.of(Effect.FAILS),
                        "uses enum value '" + t.text() + "' added earlier in the same transaction");
                return;
            }
        }
    }

    private static void createDomain(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.CREATE_DOMAIN) && (s.has("check") || s.hasSequence("not", "null"))) {
            out.report(s, s.table(), null, Set.of(), "creates domain " + s.table() + " with a "
                    + (s.has("check") ? "CHECK" : "NOT NULL") + " constraint");
        }
    }

    private static void alterDomain(Stmt s, Scope scope, Sink out) {
        if (s.is(Kind.ALTER_DOMAIN) && s.hasSequence("add") && !s.has("valid")) {
            out.report(s, s.table(), null, Set.of(Effect.FULL_SCAN),
                    "adds a constraint to domain " + s.table() + ", validating every column that uses it");
        }
    }
}
