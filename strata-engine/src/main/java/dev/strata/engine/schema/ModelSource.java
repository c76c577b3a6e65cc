package dev.strata.engine.schema;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What a SOURCE or TARGET argument names: a live database (a {@code postgresql://}, {@code postgres://}
 * or {@code jdbc:} URL), a revision of the chain ({@code rev:ID}, {@code head}, {@code heads},
 * {@code base}, or an id or prefix), or a desired-state folder (an existing directory). A word that is
 * both a folder and a revision id is the folder; write {@code rev:ID} for the revision.
 *
 * @param kind what it is
 * @param text the URL, the revision target, or the folder (absolute)
 */
public record ModelSource(Kind kind, String text) {
    /** The three kinds of source. */
    public enum Kind { DATABASE, REVISION, FOLDER }

    public ModelSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** Classifies {@code spec}; relative folders are resolved against {@code workingDir}. */
    public static ModelSource parse(String spec, Path workingDir) {
        if (spec == null || spec.isBlank()) {
            throw new StrataException(ErrorCode.USAGE, "an empty SOURCE/TARGET was given; use a database URL, "
                    + "rev:ID, head, or a schema folder");
        }
        String s = spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://") || lower.startsWith("jdbc:")) {
            return new ModelSource(Kind.DATABASE, s);
        }
        if (lower.startsWith("rev:")) {
            String rev = s.substring(4).strip();
            if (rev.isEmpty()) {
                throw new StrataException(ErrorCode.USAGE, "'" + s + "' names no revision; write rev:ID or rev:head");
            }
            return new ModelSource(Kind.REVISION, rev);
        }
        if (s.equals("head") || s.equals("heads") || s.equals("base")) {
            return new ModelSource(Kind.REVISION, s);
        }
        Path p = workingDir.resolve(s).normalize();
        if (Files.isDirectory(p)) {
            return new ModelSource(Kind.FOLDER, p.toString());
        }
        if (s.contains("/") || s.contains("\\")) {
            throw new StrataException(ErrorCode.USAGE, "'" + s + "' is not a folder (no such directory), a database"
                    + " URL (postgresql://...) or a revision (rev:ID); check the path");
        }
        return new ModelSource(Kind.REVISION, s);
    }

    /** How messages name it; URLs redacted. */
    public String display() {
        return kind == Kind.DATABASE ? dev.strata.engine.config.Redaction.redact(text)
                : kind == Kind.REVISION ? "revision " + text : "folder " + text;
    }
}
