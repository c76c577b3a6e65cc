package dev.strata.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts one statement (as {@link dev.strata.sql.SqlSplitter} returns it) into tokens, skipping comments.
 * Words are lower-cased; quoted identifiers keep their case; string and dollar-quoted literals keep their
 * content, so DO-block bodies and EXECUTE strings can be classified in turn. Never fails: an unclosed quote
 * runs to the end of the text (the splitter has already rejected such input).
 */
final class Tokens {
    /** One-character strings of the ASCII symbols, made once: symbols are the commonest tokens after words. */
    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < ASCII.length; c++) {
            ASCII[c] = String.valueOf(c);
        }
    }

    private Tokens() {
    }

    static List<Token> of(String sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && next == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '\'') {
                i = quoted(sql, i, '\'', Token.Type.STRING, false, out);
            } else if (c == '"') {
                i = quoted(sql, i, '"', Token.Type.IDENT, false, out);
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                int end = close < 0 ? n : close;
                out.add(new Token(sql.substring(tagEnd + 1, end), Token.Type.DOLLAR, tagEnd + 1));
                i = close < 0 ? n : close + tag.length();
            } else if (isIdentStart(c)) {
                int start = i;
                while (i < n && isIdentPart(sql.charAt(i))) {
                    i++;
                }
                String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
                if (i < n && sql.charAt(i) == '\'' && (word.equals("e") || word.equals("b") || word.equals("x")
                        || word.equals("n") || word.equals("u&"))) {
                    i = quoted(sql, i, '\'', Token.Type.STRING, word.equals("e"), out);
                } else {
                    out.add(new Token(word, Token.Type.WORD, start));
                }
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(sql.substring(start, i), Token.Type.NUMBER, start));
            } else if (c == ':' && next == ':') {
                out.add(new Token("::", Token.Type.SYMBOL, i));
                i += 2;
            } else {
                out.add(new Token(c < ASCII.length ? ASCII[c] : String.valueOf(c), Token.Type.SYMBOL, i));
                i++;
            }
        }
        return out;
    }

    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int quoted(String sql, int i, char quote, Token.Type type, boolean backslash, List<Token> out) {
        int n = sql.length();
        StringBuilder text = new StringBuilder();
        int start = i + 1;
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslash && c == '\\' && i + 1 < n) {
                text.append(sql.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    text.append(quote);
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            text.append(c);
            i++;
        }
        out.add(new Token(text.toString(), type, start));
        return i;
    }

    /** The index of the closing {@code $} of a dollar-quote tag starting at {@code i}, or -1 for {@code $1} etc. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        if (j < sql.length() && isIdentStart(sql.charAt(j))) {
            j++;
            while (j < sql.length() && isIdentPart(sql.charAt(j)) && sql.charAt(j) != '$') {
                j++;
            }
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j : -1;
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || (c < 128 ? Character.isLetter(c) : !Character.isWhitespace(c));
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
