package dev.strata.script;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 checksum, shown as 64 lowercase hex digits. */
public record Checksum(String hex) {
    public Checksum {
        if (!isHex64(hex)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
        }
    }

    /**
     * Looked up once: the provider lookup of getInstance costs more than hashing a small file. On first use, not
     * when the class is: a run that takes every checksum from the revision cache computes none, and setting up the
     * security providers would cost it about 10 ms of start-up.
     */
    private static final class Prototype {
        static final MessageDigest SHA256 = prototype();
    }

    public static Checksum sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}. */
    public static Checksum sha256(byte[] bytes) {
        MessageDigest md;
        try {
            md = (MessageDigest) Prototype.SHA256.clone();
        } catch (CloneNotSupportedException e) {
            md = prototype();
        }
        return new Checksum(HexFormat.of().formatHex(md.digest(bytes)));
    }

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
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

    private static boolean isHex64(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
