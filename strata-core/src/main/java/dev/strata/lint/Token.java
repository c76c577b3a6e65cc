package dev.strata.lint;

/**
 * One lexical token of a statement.
 *
 * @param text   for {@link Type#WORD} the word in lower case; for {@link Type#IDENT} the name inside the quotes;
 *               for {@link Type#STRING} and {@link Type#DOLLAR} the literal's content; otherwise the characters
 * @param offset where the token starts in the statement text (for quoted bodies: where the content starts)
 */
record Token(String text, Type type, int offset) {
    enum Type { WORD, IDENT, STRING, DOLLAR, NUMBER, SYMBOL }

    boolean is(String word) {
        return type == Type.WORD && text.equals(word);
    }

    boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    /** A name: an unquoted word or a quoted identifier. */
    boolean isName() {
        return type == Type.WORD || type == Type.IDENT;
    }
}
