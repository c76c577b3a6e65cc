package dev.strata.script;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 checksum, shown as 64 lowercase hex digits. */
public record Checksum(String hex) {
    public Checksum {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
        }
    }

    public static Checksum sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return new Checksum(HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The first 12 hex digits, for tables. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return hex;
    }
}
