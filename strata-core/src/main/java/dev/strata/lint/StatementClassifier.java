package dev.strata.lint;

import dev.strata.error.StrataException;
import dev.strata.lint.Stmt.Action;
import dev.strata.lint.Stmt.ActionKind;
import dev.strata.lint.Stmt.ColumnDef;
import dev.strata.lint.Stmt.IndexDef;
import dev.strata.lint.Stmt.Kind;
import dev.strata.sql.SqlStatement;
import dev.strata.sql.SqlSplitter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recognises the DDL the lint rules need in one statement: the kind, the table, the ALTER TABLE actions,
 * the column definitions and what an index build builds. A DO block is opened: the statements of its body
 * (and the literal SQL of {@code EXECUTE '...'} / {@code EXECUTE format('...')}) are classified in its place,
 * with their own line numbers. Not a parser: what it does not recognise is {@link Kind#OTHER}, and no rule
 * fires on that.
 */
public final class StatementClassifier {
    private static final Set<String> CONTROL_BEFORE = Set.of("then", "loop", "else", "begin");
    private static final Set<String> STARTERS = Set.of("create", "alter", "drop", "update", "insert", "delete",
            "truncate", "reindex", "vacuum", "cluster", "refresh", "set", "reset", "lock", "perform", "select",
            "execute", "comment", "copy");
    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("not", "null", "default", "primary",
            "references", "unique", "check", "constraint", "generated", "collate", "deferrable", "initially", "using");
    /** Words that open a table constraint (or LIKE) where a column definition could stand. */
    private static final Set<String> NOT_A_COLUMN = Set.of("constraint", "primary", "unique", "foreign", "check",
            "exclude", "like");
    /** Words after ADD that make an ALTER TABLE action add a constraint. */
    private static final Set<String> CONSTRAINT_STARTS = Set.of("constraint", "check", "unique", "primary", "foreign",
            "exclude");

    private StatementClassifier() {
    }

    /**
     * The tables, indexes and materialized views a statement creates, changes, fills or drops (also inside a DO
     * block), as SQL names ({@code orders}, {@code sales.orders}, {@code "Orders"}), in order, without repeats: what
     * the runner measures the size of before and after a revision. Types, functions, views and the like are left
     * out as far as the statement's form tells.
     */
    public static List<String> relations(SqlStatement s) {
        return relations(classify(s));
    }

    /** As {@link #relations(SqlStatement)}, of a statement already classified. */
    static List<String> relations(List<Stmt> classified) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Stmt st : classified) {
            switch (st.kind()) {
                case CREATE_TABLE, ALTER_TABLE, DROP_TABLE, TRUNCATE, CLUSTER, REFRESH_MATVIEW, UPDATE, DELETE, INSERT,
                     COPY, DROP_INDEX, ALTER_INDEX, CREATE_OTHER -> {
                    if (st.table() != null) {
                        out.add(sqlName(st.table()));
                    }
                }
                case CREATE_INDEX -> {
                    if (st.table() != null) {
                        out.add(sqlName(st.table()));
                    }
                    String index = st.index() == null ? null : st.index().name();
                    if (index != null) {
                        int dot = st.table() == null ? -1 : st.table().lastIndexOf('.');
                        out.add(sqlName(index.contains(".") || dot < 0 ? index : st.table().substring(0, dot + 1) + index));
                    }
                }
                default -> {
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The tables and indexes a statement creates as new ({@code CREATE TABLE} or {@code CREATE INDEX} without
     * {@code IF NOT EXISTS}, not inside a DO block), named as {@link #relations} names them: they cannot exist
     * before it runs (else it fails), so the runner need not read their size beforehand.
     */
    public static List<String> created(SqlStatement s) {
        return created(classify(s));
    }

    /** As {@link #created(SqlStatement)}, of a statement already classified. */
    static List<String> created(List<Stmt> classified) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Stmt st : classified) {
            if (st.inDo() || st.hasSequence("if", "not", "exists")) {
                continue;
            }
            if (st.kind() == Kind.CREATE_TABLE && st.table() != null) {
                out.add(sqlName(st.table()));
            } else if (st.kind() == Kind.CREATE_INDEX && st.table() != null && st.index() != null
                    && st.index().name() != null) {
                String index = st.index().name();
                int dot = st.table().lastIndexOf('.');
                out.add(sqlName(index.contains(".") || dot < 0 ? index : st.table().substring(0, dot + 1) + index));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The tables and indexes a statement drops by name ({@code DROP TABLE}, {@code DROP INDEX}, not inside a DO block),
     * named as {@link #relations} names them: once it has run they are gone, so the runner need not read their size
     * afterwards.
     */
    static List<String> dropped(List<Stmt> classified) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Stmt st : classified) {
            if (!st.inDo() && (st.kind() == Kind.DROP_TABLE || st.kind() == Kind.DROP_INDEX) && st.table() != null) {
                out.add(sqlName(st.table()));
            }
        }
        return List.copyOf(out);
    }

    /** The index a {@code CREATE INDEX} statement builds, as SQL names it; null for any other statement (or no name). */
    public static String indexBuilt(SqlStatement s) {
        return indexBuilt(classify(s));
    }

    /** As {@link #indexBuilt(SqlStatement)}, of a statement already classified. */
    static String indexBuilt(List<Stmt> classified) {
        for (Stmt st : classified) {
            if (st.kind() == Kind.CREATE_INDEX) {
                return st.index() == null || st.index().name() == null ? "(unnamed)" : sqlName(st.index().name());
            }
        }
        return null;
    }

    /** A keyed name ({@code a.b}, folded as SQL folds it) written as SQL, each part quoted when it needs to be. */
    private static String sqlName(String key) {
        List<String> parts = new ArrayList<>();
        for (String part : key.split("\\.")) {
            parts.add(dev.strata.sql.SqlText.identAsPrinted(part));
        }
        return String.join(".", parts);
    }

    /** The statements {@code s} consists of: itself, or for a DO block the statements inside it. */
    static List<Stmt> classify(SqlStatement s) {
        return classify(s, Tokens.of(s.sql()));
    }

    /** As {@link #classify(SqlStatement)}, with the statement's tokens already cut ({@code Tokens.of(s.sql())}). */
    static List<Stmt> classify(SqlStatement s, List<Token> tokens) {
        List<Stmt> out = new ArrayList<>();
        classify(s.sql(), tokens, s.line(), false, out, 0);
        return out;
    }

    private static void classify(String sql, int line, boolean inDo, List<Stmt> out, int depth) {
        classify(sql, Tokens.of(sql), line, inDo, out, depth);
    }

    private static void classify(String sql, List<Token> t, int line, boolean inDo, List<Stmt> out, int depth) {
        if (t.isEmpty()) {
            return;
        }
        if (t.get(0).is("do") && depth < 3) {
            for (Token body : t) {
                if (body.type() == Token.Type.DOLLAR || body.type() == Token.Type.STRING) {
                    openBlock(body.text(), line + newlines(sql, body.offset()), out, depth);
                    return;
                }
            }
            return;
        }
        if (t.get(0).is("execute") && inDo && depth < 3) {
            for (Token lit : t) {
                if (lit.type() == Token.Type.STRING || lit.type() == Token.Type.DOLLAR) {
                    classify(lit.text(), line, true, out, depth + 1);
                    return;
                }
            }
            return;
        }
        out.add(build(sql, line, t, inDo));
    }

    /** Classifies the statements of a PL/pgSQL block body. */
    private static void openBlock(String body, int firstLine, List<Stmt> out, int depth) {
        List<SqlStatement> inner;
        try {
            inner = SqlSplitter.split(body, firstLine);
        } catch (StrataException e) {
            return;
        }
        for (SqlStatement s : inner) {
            List<Token> t = Tokens.of(s.sql());
            int start = start(t);
            if (start < 0) {
                continue;
            }
            int offset = t.get(start).offset();
            classify(s.sql().substring(offset), s.line() + newlines(s.sql(), offset), true, out, depth + 1);
        }
    }

    /** Where the SQL statement starts in a PL/pgSQL statement: after IF ... THEN, BEGIN, LOOP and such. */
    private static int start(List<Token> t) {
        int parens = 0;
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.isSymbol("(")) {
                parens++;
            } else if (tok.isSymbol(")")) {
                parens--;
            } else if (parens == 0 && tok.type() == Token.Type.WORD && STARTERS.contains(tok.text())
                    && (i == 0 || CONTROL_BEFORE.contains(t.get(i - 1).text()))) {
                return i;
            }
        }
        return -1;
    }

    private static int newlines(String s, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static Stmt build(String sql, int line, List<Token> t, boolean inDo) {
        Token first = t.get(0);
        String w1 = t.size() > 1 ? t.get(1).text() : "";
        return switch (first.type() == Token.Type.WORD ? first.text() : "") {
            case "create" -> create(sql, line, t, inDo);
            case "alter" -> alter(sql, line, t, inDo);
            case "drop" -> drop(sql, line, t, inDo);
            case "truncate" -> simple(sql, line, t, inDo, Kind.TRUNCATE, tableAfter(t, 1, "table", "only"));
            case "reindex" -> simple(sql, line, t, inDo, Kind.REINDEX, null);
            case "vacuum" -> simple(sql, line, t, inDo, Kind.VACUUM, null);
            case "cluster" -> simple(sql, line, t, inDo, Kind.CLUSTER, tableAfter(t, 1, "verbose"));
            case "refresh" -> simple(sql, line, t, inDo, Kind.REFRESH_MATVIEW,
                    tableAfter(t, 1, "materialized", "view", "concurrently"));
            case "begin", "start" -> w1.equals("atomic") ? other(sql, line, t, inDo)
                    : simple(sql, line, t, inDo, Kind.BEGIN, null);
            case "commit", "end" -> simple(sql, line, t, inDo, Kind.COMMIT, null);
            case "rollback", "abort" -> t.size() > 1 && w1.equals("to") ? other(sql, line, t, inDo)
                    : simple(sql, line, t, inDo, Kind.ROLLBACK, null);
            case "set" -> simple(sql, line, t, inDo, Kind.SET, null);
            case "reset" -> simple(sql, line, t, inDo, Kind.RESET, null);
            case "update" -> simple(sql, line, t, inDo, Kind.UPDATE, tableAfter(t, 1, "only"));
            case "delete" -> simple(sql, line, t, inDo, Kind.DELETE, tableAfter(t, 1, "from", "only"));
            case "insert" -> simple(sql, line, t, inDo, Kind.INSERT, tableAfter(t, 1, "into"));
            case "copy" -> simple(sql, line, t, inDo, Kind.COPY, tableAfter(t, 1));
            case "select", "perform", "with" -> simple(sql, line, t, inDo, Kind.SELECT, null);
            case "lock" -> simple(sql, line, t, inDo, Kind.LOCK, tableAfter(t, 1, "table", "only"));
            default -> other(sql, line, t, inDo);
        };
    }

    /** The name after position {@code i}, skipping the given noise words (and IF [NOT] EXISTS). */
    private static String tableAfter(List<Token> t, int i, String... skip) {
        Set<String> noise = Set.of(skip);
        while (i < t.size() && t.get(i).type() == Token.Type.WORD && noise.contains(t.get(i).text())) {
            i++;
        }
        i = Names.skipIfExists(t, i);
        Names.Read r = Names.at(t, i);
        return r == null ? null : r.key();
    }

    private static Stmt simple(String sql, int line, List<Token> t, boolean inDo, Kind kind, String table) {
        return new Stmt(sql, line, t, kind, table, List.of(), List.of(), null, inDo);
    }

    private static Stmt other(String sql, int line, List<Token> t, boolean inDo) {
        return simple(sql, line, t, inDo, Kind.OTHER, null);
    }

    private static Stmt create(String sql, int line, List<Token> t, boolean inDo) {
        int i = 1;
        if (i + 1 < t.size() && t.get(i).is("or") && t.get(i + 1).is("replace")) {
            i += 2;
        }
        while (i < t.size() && (t.get(i).is("unlogged") || t.get(i).is("temp") || t.get(i).is("temporary")
                || t.get(i).is("global") || t.get(i).is("local"))) {
            i++;
        }
        String what = i < t.size() ? t.get(i).text() : "";
        return switch (what) {
            case "table" -> createTable(sql, line, t, inDo, i + 1);
            case "unique", "index" -> createIndex(sql, line, t, inDo, i);
            case "type" -> simple(sql, line, t, inDo, Kind.CREATE_TYPE, tableAfter(t, i + 1));
            case "domain" -> simple(sql, line, t, inDo, Kind.CREATE_DOMAIN, tableAfter(t, i + 1));
            case "trigger", "constraint" -> simple(sql, line, t, inDo, Kind.CREATE_TRIGGER, onTable(t));
            default -> simple(sql, line, t, inDo, Kind.CREATE_OTHER, tableAfter(t, i + 1, "materialized", "view"));
        };
    }

    private static String onTable(List<Token> t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).is("on")) {
                return tableAfter(t, i + 1, "only");
            }
        }
        return null;
    }

    private static Stmt createTable(String sql, int line, List<Token> t, boolean inDo, int i) {
        i = Names.skipIfExists(t, i);
        Names.Read name = Names.at(t, i);
        if (name == null) {
            return other(sql, line, t, inDo);
        }
        List<ColumnDef> columns = new ArrayList<>();
        int open = name.next();
        if (open < t.size() && t.get(open).isSymbol("(")) {
            int close = Names.closing(t, open);
            for (List<Token> element : Names.splitTopLevel(t.subList(open + 1, close))) {
                ColumnDef c = columnDef(element, 0);
                if (c != null) {
                    columns.add(c);
                }
            }
        }
        return new Stmt(sql, line, t, Kind.CREATE_TABLE, name.key(), List.of(), columns, null, inDo);
    }

    /** A column definition starting at {@code i}; null for a table constraint or LIKE. */
    static ColumnDef columnDef(List<Token> e, int i) {
        if (i >= e.size() || !e.get(i).isName()) {
            return null;
        }
        Token nameTok = e.get(i);
        if (nameTok.type() == Token.Type.WORD && NOT_A_COLUMN.contains(nameTok.text())) {
            return null;
        }
        StringBuilder type = new StringBuilder();
        int j = i + 1;
        int depth = 0;
        for (; j < e.size(); j++) {
            Token tok = e.get(j);
            if (depth == 0 && tok.type() == Token.Type.WORD && COLUMN_CONSTRAINT_WORDS.contains(tok.text())) {
                break;
            }
            if (tok.isSymbol("(")) {
                depth++;
            } else if (tok.isSymbol(")")) {
                depth--;
            }
            boolean glue = tok.isSymbol("(") || tok.isSymbol(")") || tok.isSymbol(",") || tok.isSymbol(".")
                    || tok.isSymbol("[") || tok.isSymbol("]") || type.length() == 0
                    || type.charAt(type.length() - 1) == '(' || type.charAt(type.length() - 1) == '.';
            if (!glue) {
                type.append(' ');
            }
            type.append(tok.text());
        }
        return new ColumnDef(nameTok.text(), type.toString(), e.subList(i + 1, e.size()));
    }

    private static Stmt createIndex(String sql, int line, List<Token> t, boolean inDo, int i) {
        boolean unique = t.get(i).is("unique");
        if (unique) {
            i++;
        }
        i++; // INDEX
        boolean concurrently = i < t.size() && t.get(i).is("concurrently");
        if (concurrently) {
            i++;
        }
        int afterIf = Names.skipIfExists(t, i);
        boolean ifNotExists = afterIf != i;
        i = afterIf;
        String name = null;
        if (i < t.size() && !t.get(i).is("on")) {
            Names.Read r = Names.at(t, i);
            if (r != null) {
                name = r.key();
                i = r.next();
            }
        }
        String table = null;
        if (i < t.size() && t.get(i).is("on")) {
            i++;
            if (i < t.size() && t.get(i).is("only")) {
                i++;
            }
            Names.Read r = Names.at(t, i);
            if (r != null) {
                table = r.key();
                i = r.next();
            }
        }
        String method = "btree";
        if (i + 1 < t.size() && t.get(i).is("using")) {
            method = t.get(i + 1).text();
            i += 2;
        }
        List<String> columns = Names.columnList(t, i);
        StringBuilder with = new StringBuilder();
        int w = Stmt.indexOfSequence(t, i, "with");
        if (w >= 0 && w + 1 < t.size() && t.get(w + 1).isSymbol("(")) {
            int close = Names.closing(t, w + 1);
            for (int k = w + 2; k < close; k++) {
                with.append(t.get(k).text());
            }
        }
        IndexDef def = new IndexDef(name, unique, concurrently, ifNotExists, method, columns, with.toString());
        return new Stmt(sql, line, t, Kind.CREATE_INDEX, table, List.of(), List.of(), def, inDo);
    }

    private static Stmt drop(String sql, int line, List<Token> t, boolean inDo) {
        String what = t.size() > 1 ? t.get(1).text() : "";
        return switch (what) {
            case "table" -> simple(sql, line, t, inDo, Kind.DROP_TABLE, tableAfter(t, 2));
            case "index" -> simple(sql, line, t, inDo, Kind.DROP_INDEX, tableAfter(t, 2, "concurrently"));
            case "schema" -> simple(sql, line, t, inDo, Kind.DROP_SCHEMA, tableAfter(t, 2));
            case "database" -> simple(sql, line, t, inDo, Kind.DROP_DATABASE, tableAfter(t, 2));
            default -> simple(sql, line, t, inDo, Kind.DROP_OTHER, null);
        };
    }

    private static Stmt alter(String sql, int line, List<Token> t, boolean inDo) {
        String what = t.size() > 1 ? t.get(1).text() : "";
        return switch (what) {
            case "table" -> alterTable(sql, line, t, inDo);
            case "index" -> simple(sql, line, t, inDo, Kind.ALTER_INDEX, tableAfter(t, 2));
            case "type" -> simple(sql, line, t, inDo, Kind.ALTER_TYPE, tableAfter(t, 2));
            case "domain" -> simple(sql, line, t, inDo, Kind.ALTER_DOMAIN, tableAfter(t, 2));
            default -> other(sql, line, t, inDo);
        };
    }

    private static Stmt alterTable(String sql, int line, List<Token> t, boolean inDo) {
        int i = Names.skipIfExists(t, 2);
        if (i < t.size() && t.get(i).is("only")) {
            i++;
        }
        Names.Read name = Names.at(t, i);
        if (name == null) {
            return other(sql, line, t, inDo);
        }
        i = name.next();
        if (i < t.size() && t.get(i).isSymbol("*")) {
            i++;
        }
        List<Action> actions = new ArrayList<>();
        List<ColumnDef> columns = new ArrayList<>();
        for (List<Token> part : Names.splitTopLevel(t.subList(i, t.size()))) {
            Action a = action(part);
            actions.add(a);
            if (a.kind() == ActionKind.ADD_COLUMN) {
                int c = 1;
                if (c < part.size() && part.get(c).is("column")) {
                    c++;
                }
                ColumnDef def = columnDef(part, Names.skipIfExists(part, c));
                if (def != null) {
                    columns.add(def);
                }
            }
        }
        return new Stmt(sql, line, t, Kind.ALTER_TABLE, name.key(), actions, columns, null, inDo);
    }

    /** Classifies one ALTER TABLE action. */
    static Action action(List<Token> p) {
        String w0 = word(p, 0);
        String w1 = word(p, 1);
        switch (w0) {
            case "add" -> {
                if (CONSTRAINT_STARTS.contains(w1)) {
                    return new Action(ActionKind.ADD_CONSTRAINT, null, p);
                }
                int c = w1.equals("column") ? 2 : 1;
                return new Action(ActionKind.ADD_COLUMN, nameAt(p, Names.skipIfExists(p, c)), p);
            }
            case "drop" -> {
                if (w1.equals("constraint")) {
                    return new Action(ActionKind.DROP_CONSTRAINT, null, p);
                }
                int c = w1.equals("column") ? 2 : 1;
                return new Action(ActionKind.DROP_COLUMN, nameAt(p, Names.skipIfExists(p, c)), p);
            }
            case "alter" -> {
                int c = w1.equals("column") ? 2 : 1;
                String column = nameAt(p, c);
                String a = word(p, c + 1);
                String b = word(p, c + 2);
                ActionKind k;
                if (a.equals("type") || (a.equals("set") && b.equals("data"))) {
                    k = ActionKind.ALTER_TYPE;
                } else if (a.equals("set") && b.equals("not")) {
                    k = ActionKind.SET_NOT_NULL;
                } else if (a.equals("drop") && b.equals("not")) {
                    k = ActionKind.DROP_NOT_NULL;
                } else if (a.equals("set") && b.equals("default")) {
                    k = ActionKind.SET_DEFAULT;
                } else if (a.equals("drop") && b.equals("default")) {
                    k = ActionKind.DROP_DEFAULT;
                } else if (a.equals("add") || (a.equals("drop") && b.equals("identity"))
                        || (a.equals("set") && b.equals("generated"))) {
                    k = ActionKind.ALTER_IDENTITY;
                } else {
                    k = ActionKind.OTHER;
                }
                return new Action(k, column, p);
            }
            case "rename" -> {
                if (w1.equals("to")) {
                    return new Action(ActionKind.RENAME_TABLE, null, p);
                }
                if (w1.equals("constraint")) {
                    return new Action(ActionKind.RENAME_CONSTRAINT, null, p);
                }
                return new Action(ActionKind.RENAME_COLUMN, nameAt(p, w1.equals("column") ? 2 : 1), p);
            }
            case "validate" -> {
                return new Action(ActionKind.VALIDATE, null, p);
            }
            case "set" -> {
                ActionKind k = switch (w1) {
                    case "logged" -> ActionKind.SET_LOGGED;
                    case "unlogged" -> ActionKind.SET_UNLOGGED;
                    case "tablespace" -> ActionKind.SET_TABLESPACE;
                    case "access" -> ActionKind.SET_ACCESS_METHOD;
                    case "schema" -> ActionKind.SET_SCHEMA;
                    case "" -> p.size() > 1 && p.get(1).isSymbol("(") ? ActionKind.SET_OPTIONS : ActionKind.OTHER;
                    default -> ActionKind.OTHER;
                };
                return new Action(k, null, p);
            }
            case "enable", "disable" -> {
                return new Action(w1.equals("trigger") ? ActionKind.TRIGGER_STATE : ActionKind.OTHER, null, p);
            }
            case "replica" -> {
                return new Action(ActionKind.REPLICA_IDENTITY, null, p);
            }
            case "attach" -> {
                return new Action(ActionKind.ATTACH_PARTITION, null, p);
            }
            case "detach" -> {
                return new Action(ActionKind.DETACH_PARTITION, null, p);
            }
            default -> {
                return new Action(ActionKind.OTHER, null, p);
            }
        }
    }

    private static String word(List<Token> p, int i) {
        return i < p.size() && p.get(i).type() == Token.Type.WORD ? p.get(i).text() : "";
    }

    private static String nameAt(List<Token> p, int i) {
        return i < p.size() && p.get(i).isName() ? p.get(i).text() : null;
    }
}
