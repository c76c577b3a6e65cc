package dev.strata.lint;

import java.util.List;

/** Reading names out of token lists, and the one key under which a table is known to the rules. */
final class Names {
    private Names() {
    }

    /**
     * A name read from {@code tokens} at {@code i}: its key and the index after it.
     *
     * @param key the parts joined with '.', unquoted words in lower case, a leading {@code public.} removed,
     *            so {@code Public.Orders}, {@code "orders"} and {@code orders} are one table
     */
    record Read(String key, int next) {
    }

    /** Reads {@code a}, {@code a.b} or {@code a.b.c} at {@code i}; null when no name starts there. */
    static Read at(List<Token> tokens, int i) {
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            return null;
        }
        StringBuilder key = new StringBuilder(tokens.get(i).text());
        int j = i + 1;
        while (j + 1 < tokens.size() && tokens.get(j).isSymbol(".") && tokens.get(j + 1).isName()) {
            key.append('.').append(tokens.get(j + 1).text());
            j += 2;
        }
        return new Read(key(key.toString()), j);
    }

    static String key(String name) {
        return name.startsWith("public.") ? name.substring("public.".length()) : name;
    }

    /**
     * The key of a table named by a regclass text literal, as create_hypertable and the policy functions take it:
     * {@code 'public.metrics'}, {@code 'metrics'} or {@code '"public"."Metrics"'} (quoted parts keep their case, the
     * others fold to lower case, as PostgreSQL reads them).
     */
    static String regclassKey(String literal) {
        StringBuilder out = new StringBuilder();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < literal.length() && literal.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                    wasQuoted = true;
                }
            } else if (c == '.' && !quoted) {
                out.append(wasQuoted ? part : part.toString().toLowerCase(java.util.Locale.ROOT)).append('.');
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        out.append(wasQuoted ? part : part.toString().toLowerCase(java.util.Locale.ROOT));
        return key(out.toString());
    }

    /** The name without its schema. */
    static String simple(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    /** The index after {@code IF EXISTS} / {@code IF NOT EXISTS} at {@code i}, or {@code i}. */
    static int skipIfExists(List<Token> tokens, int i) {
        if (i + 1 < tokens.size() && tokens.get(i).is("if") && tokens.get(i + 1).is("exists")) {
            return i + 2;
        }
        if (i + 2 < tokens.size() && tokens.get(i).is("if") && tokens.get(i + 1).is("not")
                && tokens.get(i + 2).is("exists")) {
            return i + 3;
        }
        return i;
    }

    /** The tokens split at commas outside parentheses. */
    static List<List<Token>> splitTopLevel(List<Token> tokens) {
        List<List<Token>> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (t.isSymbol(",") && depth == 0) {
                out.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        if (start < tokens.size()) {
            out.add(tokens.subList(start, tokens.size()));
        }
        return out;
    }

    /** The index of the ')' that closes the '(' at {@code open}, or the list's size. */
    static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("(")) {
                depth++;
            } else if (tokens.get(i).isSymbol(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    /** The plain column names of a parenthesised list starting at {@code open} (expressions are left out). */
    static List<String> columnList(List<Token> tokens, int open) {
        List<String> out = new java.util.ArrayList<>();
        if (open >= tokens.size() || !tokens.get(open).isSymbol("(")) {
            return out;
        }
        int close = closing(tokens, open);
        for (List<Token> part : splitTopLevel(tokens.subList(open + 1, close))) {
            if (!part.isEmpty() && part.get(0).isName()) {
                out.add(part.get(0).text());
            }
        }
        return out;
    }
}
