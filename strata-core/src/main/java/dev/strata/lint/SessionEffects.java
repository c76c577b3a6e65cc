package dev.strata.lint;

import java.util.List;
import java.util.Set;

/**
 * Tells from a statement's text whether running it may change a setting of the session that runs it, so the
 * runner can skip putting the session's settings back after a revision that cannot have changed one (issue 14:
 * that restore read all of {@code pg_settings} after every revision).
 *
 * <p>Conservative: only statements of a few DDL forms that run no code of their own count as harmless: {@code CREATE
 * TABLE}, {@code CREATE [UNIQUE] INDEX}, {@code CREATE SEQUENCE}, {@code CREATE SCHEMA}, {@code CREATE TYPE}, {@code
 * CREATE VIEW}, {@code ALTER TABLE}/{@code INDEX}/{@code SEQUENCE}/{@code VIEW}/{@code TYPE}/{@code SCHEMA}, {@code
 * DROP}, {@code COMMENT ON}, {@code GRANT} and {@code REVOKE}, and only when nothing in them calls a function (a word
 * followed by a parenthesis, outside the places where DDL puts column lists), names SET, RESET, set_config, SELECT,
 * VALUES, EXECUTE, CALL, DO, PERFORM or LOAD, or holds a dollar-quoted body. Everything else (DML, which fires
 * triggers; DO blocks; function calls; SET itself) may change a setting. Code that runs without being named in the
 * statement (event triggers) is the caller's to check.
 */
public final class SessionEffects {
    private static final Set<String> RISKY = Set.of("set", "reset", "set_config", "select", "values", "execute", "call",
            "do", "perform", "load", "partition");
    /** Words after which a parenthesis opens a list, not a function's arguments. */
    private static final Set<String> LIST_AFTER = Set.of("key", "unique", "check", "include", "with", "in", "enum", "as",
            "inherits", "exclude", "by", "nulls", "distinct", "where", "and", "or", "not", "on");
    private static final Set<String> CREATE_KINDS = Set.of("table", "index", "sequence", "schema", "type", "view");
    private static final Set<String> ALTER_KINDS = Set.of("table", "index", "sequence", "view", "type", "schema");

    private SessionEffects() {
    }

    /** Whether running {@code sql} (one statement) may change a session setting; true when in doubt. */
    public static boolean mayChangeSettings(String sql) {
        return mayChangeSettings(Tokens.of(sql));
    }

    /** As {@link #mayChangeSettings(String)}, of the statement's tokens. */
    static boolean mayChangeSettings(List<Token> t) {
        if (t.isEmpty()) {
            return false;
        }
        for (Token token : t) {
            if (token.isSymbol(";")) {
                return true;
            }
        }
        String first = word(t, 0);
        if (first.equals("drop") || first.equals("grant") || first.equals("revoke")
                || (first.equals("comment") && is(t, 1, "on"))) {
            // nothing is evaluated
            return false;
        }
        for (Token token : t) {
            if (token.type() == Token.Type.DOLLAR || (token.type() == Token.Type.WORD && RISKY.contains(token.text()))) {
                return true;
            }
        }
        int i = 1;
        switch (first) {
            case "create" -> {
                if (is(t, i, "or") && is(t, i + 1, "replace")) {
                    i += 2;
                }
                while (is(t, i, "unique") || is(t, i, "unlogged")) {
                    i++;
                }
                if (!CREATE_KINDS.contains(word(t, i))) {
                    return true;
                }
                if (word(t, i).equals("table")) {
                    // a new table has no rows, so its defaults, checks and generated columns are not evaluated
                    return false;
                }
                if (word(t, i).equals("index")) {
                    return callsInIndex(t);
                }
            }
            case "alter" -> {
                if (!ALTER_KINDS.contains(word(t, i))) {
                    return true;
                }
            }
            default -> {
                return true;
            }
        }
        return calls(t, -1);
    }

    /** CREATE INDEX: the table's and the method's names before their column lists are not calls. */
    private static boolean callsInIndex(List<Token> t) {
        int on = -1;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).is("on")) {
                on = i;
                break;
            }
        }
        if (on < 0) {
            return true;
        }
        int name = is(t, on + 1, "only") ? on + 2 : on + 1;
        // the table's name may be schema-qualified: skip "schema" "." "table"
        while (name + 2 < t.size() && t.get(name + 1).isSymbol(".")) {
            name += 2;
        }
        int list = name + 1;
        if (is(t, list, "using")) {
            list += 2;
        }
        return calls(t, list);
    }

    /** Whether a name is followed by an opening parenthesis anywhere but at {@code allowedParen} or after a list word. */
    private static boolean calls(List<Token> t, int allowedParen) {
        for (int i = 1; i < t.size(); i++) {
            if (!t.get(i).isSymbol("(") || i == allowedParen) {
                continue;
            }
            Token before = t.get(i - 1);
            boolean referenced = i >= 2 && t.get(i - 2).is("references");
            if (before.isName() && !referenced && !(before.type() == Token.Type.WORD && LIST_AFTER.contains(before.text()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(List<Token> t, int i, String word) {
        return i < t.size() && t.get(i).is(word);
    }

    private static String word(List<Token> t, int i) {
        return i < t.size() && t.get(i).type() == Token.Type.WORD ? t.get(i).text() : "";
    }
}
