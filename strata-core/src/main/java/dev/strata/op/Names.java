package dev.strata.op;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names the renderer derives (helper columns, checks, triggers) and checks on option names. */
final class Names {
    /** PostgreSQL's identifier limit in bytes (NAMEDATALEN - 1); longer names are silently truncated. */
    static final int MAX_BYTES = 63;

    private Names() {
    }

    /**
     * {@code parts} joined by {@code _}; when that is longer than 63 bytes, a prefix plus an 8-hex-digit
     * hash of the whole, so distinct inputs stay distinct and the result is stable.
     */
    static String derived(String... parts) {
        String joined = String.join("_", parts);
        byte[] bytes = joined.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return joined;
        }
        String hash = hash(joined);
        StringBuilder prefix = new StringBuilder();
        int used = 0;
        for (int i = 0; i < joined.length(); ) {
            int cp = joined.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > MAX_BYTES - 9) {
                break;
            }
            prefix.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return prefix + "_" + hash;
    }

    static String requireParameterName(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not a plain name");
        }
        return name;
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
