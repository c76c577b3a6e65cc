package dev.strata.engine.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes passwords from text before it is shown: the password in the user-info part of any URL
 * ({@code postgresql://user:secret@host/db}, {@code postgres://}, {@code jdbc:postgresql://}, and any
 * other {@code scheme://}), and the value of every {@code password=} / {@code sslpassword=} parameter
 * or libpq keyword, each replaced by {@code ***}. The CLI passes every line it prints through
 * {@link #redact}; it errs on the side of hiding too much. Redacting twice changes nothing more.
 */
public final class Redaction {
    /** What a password becomes. */
    public static final String MASK = "***";

    /** A scheme and {@code //}, then the rest of the URL up to white space. */
    private static final Pattern URL = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*:)+//(\\S+)");

    /** {@code password=value} in a query string or a libpq keyword/value string; value may be quoted. */
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)(\\b[a-z_]*password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|\"[^\"]*\"?|[^\\s&]*)");

    private Redaction() {
    }

    /** {@code text} with every password it can recognise replaced by {@value #MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // both patterns need a literal that a long text (a --json report) seldom holds: look for it first, which
        // costs a fraction of running the patterns over the whole text
        boolean url = text.contains("//");
        if (!url && !containsPassword(text)) {
            return text;
        }
        if (!url) {
            return redactParams(text);
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String rest = m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(text.substring(m.start(), m.start(2))
                    + redactUserInfo(rest)));
        }
        m.appendTail(out);
        return redactParams(out.toString());
    }

    /** Whether {@code text} holds "password" in any case, as every {@link #PASSWORD_PARAM} match does. */
    private static boolean containsPassword(String text) {
        for (int i = text.indexOf('=', 8); i >= 0; i = text.indexOf('=', i + 1)) {
            int end = i;
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (end >= 8 && text.regionMatches(true, end - 8, "password", 0, 8)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The URL after {@code //} with the password of its user info masked. The user info ends at the
     * last {@code @} before the first {@code ?} (or, when there is none there, the last {@code @}
     * anywhere), so passwords holding unencoded {@code @}, {@code /} or {@code ?} are still hidden.
     */
    private static String redactUserInfo(String rest) {
        int query = rest.indexOf('?');
        int at = query < 0 ? rest.lastIndexOf('@') : rest.lastIndexOf('@', query);
        if (at < 0) {
            at = rest.lastIndexOf('@');
        }
        if (at < 0) {
            return rest;
        }
        int colon = rest.indexOf(':');
        if (colon < 0 || colon > at) {
            return rest;
        }
        return rest.substring(0, colon + 1) + MASK + rest.substring(at);
    }

    private static String redactParams(String text) {
        Matcher m = PASSWORD_PARAM.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = m.group(2);
            String masked = value.isEmpty() ? value : MASK;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked));
        }
        m.appendTail(out);
        return out.toString();
    }
}
