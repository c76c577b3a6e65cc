package dev.strata.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Percent-encoding for database URLs, and the last-resort redaction of URL text that did not parse. */
final class UrlText {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&](?:ssl)?password=)[^&]*");

    private UrlText() {
    }

    /** Thrown for malformed text; the reason never quotes the text itself (it may hold a password). */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Percent-decodes UTF-8 text; {@code plusIsSpace} follows form encoding, as pgjdbc does for its query. */
    static String decode(String s, boolean plusIsSpace) throws Malformed {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new Malformed("a '%' is not followed by two hex digits (percent-encode '%' as %25)");
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (ch == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(ch) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("percent-encoded bytes are not UTF-8");
        }
    }

    /** Percent-encodes everything but the unreserved characters of RFC 3986. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /**
     * Hides anything that could be a password in URL text that failed to parse. It errs on the side of
     * hiding too much: everything between the first ':' of the user part and the LAST '@' goes, as do
     * password and sslpassword query values.
     */
    static String redactRaw(String raw) {
        String s = raw.strip().replaceAll("\\s", " ");
        int slashes = s.indexOf("//");
        int base = slashes < 0 ? 0 : slashes + 2;
        int at = s.lastIndexOf('@');
        if (at >= base) {
            int colon = s.substring(base, at).indexOf(':');
            if (colon >= 0) {
                s = s.substring(0, base + colon + 1) + "***" + s.substring(at);
            }
        }
        return PASSWORD_PARAM.matcher(s).replaceAll("$1***");
    }
}
