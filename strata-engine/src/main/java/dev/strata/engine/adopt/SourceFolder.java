package dev.strata.engine.adopt;

import java.util.List;
import java.util.Objects;

/**
 * What a source folder holds once read: its revisions in order (parents before children), and every guess,
 * pairing and skipped file, one line each.
 *
 * @param format    the format it was read as
 * @param revisions the revisions, parents first
 * @param notes     what the reader guessed or did, for the user to review
 */
public record SourceFolder(ImportFormat format, List<ImportedRevision> revisions, List<String> notes) {
    public SourceFolder {
        Objects.requireNonNull(format, "format");
        revisions = List.copyOf(revisions);
        notes = List.copyOf(notes);
    }
}
