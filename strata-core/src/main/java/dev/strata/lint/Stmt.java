package dev.strata.lint;

import java.util.List;
import java.util.Set;

/**
 * One statement of a revision as the rules see it: its text, its line in the file, its tokens and what
 * {@link StatementClassifier} recognised in it.
 *
 * @param table   the table (or index, type, view...) the statement works on, as {@link Names#key keyed}; null when none
 * @param actions the actions of an ALTER TABLE, in order; empty otherwise
 * @param columns the column definitions of a CREATE TABLE or of the ADD COLUMN actions; empty otherwise
 * @param index   what a CREATE INDEX builds; null otherwise
 * @param inDo    true when the statement was found inside a DO block or an EXECUTE string
 */
record Stmt(String sql, int line, List<Token> tokens, Kind kind, String table, List<Action> actions,
            List<ColumnDef> columns, IndexDef index, boolean inDo) {
    Stmt {
        tokens = List.copyOf(tokens);
        actions = List.copyOf(actions);
        columns = List.copyOf(columns);
    }

    enum Kind {
        CREATE_TABLE, CREATE_INDEX, DROP_INDEX, ALTER_TABLE, ALTER_INDEX, DROP_TABLE, DROP_SCHEMA, DROP_DATABASE,
        DROP_OTHER, TRUNCATE, REINDEX, VACUUM, CLUSTER, REFRESH_MATVIEW, ALTER_TYPE, CREATE_TYPE, CREATE_DOMAIN,
        ALTER_DOMAIN, CREATE_TRIGGER, BEGIN, COMMIT, ROLLBACK, SET, RESET, UPDATE, DELETE, INSERT, COPY, SELECT,
        LOCK, CREATE_OTHER, OTHER
    }

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    /** The kinds that change data rather than schema. */
    static final Set<Kind> DATA = Set.of(Kind.UPDATE, Kind.DELETE, Kind.INSERT, Kind.COPY);

    /**
     * One action of an ALTER TABLE.
     *
     * @param column the column it works on, when it works on one (keyed)
     * @param tokens the action's own tokens, from its first word
     */
    record Action(ActionKind kind, String column, List<Token> tokens) {
        Action {
            tokens = List.copyOf(tokens);
        }

        boolean has(String word) {
            return tokens.stream().anyMatch(t -> t.is(word));
        }
    }

    enum ActionKind {
        ADD_COLUMN, ADD_CONSTRAINT, DROP_COLUMN, DROP_CONSTRAINT, ALTER_TYPE, SET_NOT_NULL, DROP_NOT_NULL,
        SET_DEFAULT, DROP_DEFAULT, ALTER_IDENTITY, RENAME_COLUMN, RENAME_TABLE, RENAME_CONSTRAINT, VALIDATE,
        SET_LOGGED, SET_UNLOGGED, SET_TABLESPACE, SET_ACCESS_METHOD, SET_SCHEMA, SET_OPTIONS, TRIGGER_STATE,
        REPLICA_IDENTITY, ATTACH_PARTITION, DETACH_PARTITION, OTHER
    }

    /**
     * A column as defined by CREATE TABLE or ADD COLUMN.
     *
     * @param type   the type as written, lower case, e.g. {@code varchar(20)}, {@code timestamp without time zone}
     * @param tokens the whole definition after the name
     */
    record ColumnDef(String name, String type, List<Token> tokens) {
        ColumnDef {
            tokens = List.copyOf(tokens);
        }

        boolean has(String word) {
            return tokens.stream().anyMatch(t -> t.is(word));
        }
    }

    /**
     * What CREATE INDEX builds.
     *
     * @param name    the index name, or null when PostgreSQL picks one
     * @param method  the access method in lower case ({@code btree} when not given)
     * @param columns the key columns that are plain column names (keyed), in order
     * @param with    the storage parameters text after WITH, lower case, or ""
     */
    record IndexDef(String name, boolean unique, boolean concurrently, boolean ifNotExists, String method,
                    List<String> columns, String with) {
        IndexDef {
            columns = List.copyOf(columns);
        }
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** True when the word occurs anywhere in the statement. */
    boolean has(String word) {
        return tokens.stream().anyMatch(t -> t.is(word));
    }

    /** True when the words occur in this order, next to each other, somewhere in the statement. */
    boolean hasSequence(String... words) {
        return indexOfSequence(tokens, 0, words) >= 0;
    }

    static int indexOfSequence(List<Token> tokens, int from, String... words) {
        outer:
        for (int i = from; i + words.length <= tokens.size(); i++) {
            for (int j = 0; j < words.length; j++) {
                if (!tokens.get(i + j).is(words[j])) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The function calls in the statement: words directly followed by '(' (the last part of a qualified name). */
    List<String> calls() {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).type() == Token.Type.WORD && tokens.get(i + 1).isSymbol("(")) {
                out.add(tokens.get(i).text());
            }
        }
        return out;
    }

    /** The statement's text shortened to one line, for messages. */
    String excerpt() {
        String flat = WHITESPACE.matcher(sql).replaceAll(" ").strip();
        return flat.length() <= 90 ? flat : flat.substring(0, 87) + "...";
    }
}
