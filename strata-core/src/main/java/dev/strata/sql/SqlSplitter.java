package dev.strata.sql;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts PostgreSQL script text into statements at top-level semicolons, keeping the line on which each
 * statement starts.
 *
 * <p>A small lexer, not a parser. It knows enough of PostgreSQL's lexical rules to find the semicolons
 * that end statements: {@code --} line comments, nested {@code /* *}{@code /} block comments, quoted
 * identifiers {@code "..."} (with {@code ""}), standard strings {@code '...'} (with {@code ''}; as with
 * {@code standard_conforming_strings = on}, the default since PostgreSQL 9.1, a backslash is an ordinary
 * character there), escape strings {@code E'...'} (backslash escapes such as {@code \'}), and dollar
 * quoting {@code $$...$$} / {@code $tag$...$tag$}; {@code $1} is a parameter, not a quote. A SQL-standard
 * function body ({@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END}) is kept whole:
 * inside it, {@code CASE} opens and {@code END} closes a block, and semicolons do not end the statement.
 *
 * <p>Invariants of the result: each statement's text starts at its first token and ends at its last
 * token (leading comments and the terminating semicolon are dropped, comments between tokens are kept
 * verbatim); fragments holding only comments or blanks produce no statement; {@link SqlStatement#line()}
 * is the line of the statement's first token, counting {@code firstLine} for the first line of the input
 * and one more after each {@code \n}. Text is not otherwise changed: callers that want LF line endings
 * normalize before splitting.
 */
public final class SqlSplitter {
    private final String sql;
    private final String location;
    private int pos;
    private int line;

    private final List<SqlStatement> statements = new ArrayList<>();
    private int stmtStart = -1;
    private int stmtLine;
    private int stmtEnd;
    /** Leading keywords of the current statement, to recognize CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
    private final List<String> leadingWords = new ArrayList<>();
    private String previousWord = "";
    private int parenDepth;
    /** Depth of BEGIN ATOMIC / CASE blocks in a SQL-standard function body; semicolons split only at 0. */
    private int atomicDepth;

    private SqlSplitter(String sql, int firstLine, String location) {
        this.sql = sql;
        this.line = firstLine;
        this.location = location;
    }

    /** Splits {@code sql}, whose first line is line {@code firstLine}; errors name the location {@code <sql>}. */
    public static List<SqlStatement> split(String sql, int firstLine) {
        return split(sql, firstLine, "<sql>");
    }

    /**
     * Splits {@code sql}, whose first line is line {@code firstLine} of the file {@code location}.
     *
     * @throws StrataException {@link ErrorCode#SQL_UNTERMINATED} naming {@code location:line} where an
     *                         unclosed string, quoted identifier, dollar quote or comment starts
     */
    public static List<SqlStatement> split(String sql, int firstLine, String location) {
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine must be >= 1");
        }
        SqlSplitter splitter = new SqlSplitter(sql, firstLine, location);
        splitter.run();
        return List.copyOf(splitter.statements);
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            char next = pos + 1 < sql.length() ? sql.charAt(pos + 1) : '\0';
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && next == '-') {
                skipLineComment();
            } else if (c == '/' && next == '*') {
                skipBlockComment();
            } else if (c == ';' && atomicDepth == 0) {
                endStatement();
                pos++;
            } else {
                int start = pos;
                int startLine = line;
                lexToken(c, next);
                markToken(start, startLine);
            }
        }
        endStatement();
    }

    private void lexToken(char c, char next) {
        if (c == '\'') {
            quoted('\'', "string literal", false);
        } else if (c == '"') {
            quoted('"', "quoted identifier", false);
        } else if (c == '$') {
            dollar();
        } else if (isIdentStart(c)) {
            word();
        } else {
            if (c == '(') {
                parenDepth++;
            } else if (c == ')' && parenDepth > 0) {
                parenDepth--;
            }
            pos++;
        }
    }

    private void markToken(int start, int startLine) {
        if (stmtStart < 0) {
            stmtStart = start;
            stmtLine = startLine;
        }
        stmtEnd = pos;
    }

    private void endStatement() {
        if (stmtStart >= 0) {
            statements.add(new SqlStatement(sql.substring(stmtStart, stmtEnd), stmtLine));
        }
        stmtStart = -1;
        leadingWords.clear();
        previousWord = "";
        parenDepth = 0;
        atomicDepth = 0;
    }

    private void skipLineComment() {
        while (pos < sql.length() && sql.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int startLine = line;
        int depth = 0;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            char next = pos + 1 < sql.length() ? sql.charAt(pos + 1) : '\0';
            if (c == '/' && next == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && next == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
        throw unterminated("block comment", startLine, "close it with '*/' (block comments nest)");
    }

    /** Lexes a quoted token starting at {@code pos}; a doubled quote stands for itself. */
    private void quoted(char quote, String what, boolean backslashEscapes) {
        int startLine = line;
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (backslashEscapes && c == '\\') {
                if (pos + 1 < sql.length() && sql.charAt(pos + 1) == '\n') {
                    line++;
                }
                pos += 2;
                continue;
            }
            pos++;
            if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    pos++;
                } else {
                    return;
                }
            }
        }
        throw unterminated(what, startLine, "close it with a matching " + quote
                + (backslashEscapes ? " (in E'...' strings a backslash escapes the next character)" : ""));
    }

    private void dollar() {
        int tagEnd = pos + 1;
        if (tagEnd < sql.length() && isIdentStart(sql.charAt(tagEnd))) {
            tagEnd++;
            while (tagEnd < sql.length() && isIdentPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
                tagEnd++;
            }
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            // a parameter such as $1, or a lone '$': an ordinary token
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
            return;
        }
        String delimiter = sql.substring(pos, tagEnd + 1);
        int startLine = line;
        int close = sql.indexOf(delimiter, tagEnd + 1);
        if (close < 0) {
            pos = sql.length();
            throw unterminated("dollar-quoted string " + delimiter, startLine, "close it with " + delimiter);
        }
        line += countNewlines(pos, close);
        pos = close + delimiter.length();
    }

    private void word() {
        int start = pos;
        while (pos < sql.length() && isIdentPart(sql.charAt(pos))) {
            pos++;
        }
        String word = sql.substring(start, pos).toLowerCase(Locale.ROOT);
        if (pos < sql.length() && sql.charAt(pos) == '\'') {
            if (word.equals("e")) {
                quoted('\'', "escape string literal", true);
                return;
            }
            if (word.equals("b") || word.equals("x") || word.equals("n")) {
                quoted('\'', "string literal", false);
                return;
            }
        }
        trackWord(word);
    }

    /** Recognizes the SQL-standard function body {@code BEGIN ATOMIC ... END} of CREATE FUNCTION/PROCEDURE. */
    private void trackWord(String word) {
        if (leadingWords.size() < 4) {
            leadingWords.add(word);
        }
        if (isRoutineDefinition() && parenDepth == 0) {
            if (word.equals("atomic") && previousWord.equals("begin") && atomicDepth == 0) {
                atomicDepth = 1;
            } else if (atomicDepth > 0 && word.equals("case")) {
                atomicDepth++;
            } else if (atomicDepth > 0 && word.equals("end")) {
                atomicDepth--;
            }
        }
        previousWord = word;
    }

    private boolean isRoutineDefinition() {
        if (leadingWords.size() < 2 || !leadingWords.get(0).equals("create")) {
            return false;
        }
        String second = leadingWords.get(1);
        if (second.equals("function") || second.equals("procedure")) {
            return true;
        }
        return leadingWords.size() >= 4 && second.equals("or") && leadingWords.get(2).equals("replace")
                && (leadingWords.get(3).equals("function") || leadingWords.get(3).equals("procedure"));
    }

    private int countNewlines(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (sql.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private StrataException unterminated(String what, int startLine, String fix) {
        return new StrataException(ErrorCode.SQL_UNTERMINATED,
                "unterminated " + what + " starting at " + location + ":" + startLine + ": " + fix);
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || (c < 128 ? Character.isLetter(c) : !Character.isWhitespace(c));
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
