package dev.strata.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strata.engine.adopt.Baseline;
import dev.strata.engine.adopt.Importer;

import java.nio.file.Path;
import java.util.List;

/** The documents of {@code strata baseline} and {@code strata import}. */
public final class AdoptReports {
    private AdoptReports() {
    }

    /**
     * A baseline written and stamped.
     *
     * @param revision     the new revision
     * @param file         its file, relative to the working directory
     * @param ops          what it creates, one line per change
     * @param notExpressed what the schema model could not express (and, when checked, what still differs)
     * @param checked      whether it was applied to a scratch database and compared again
     * @param stampedAt    the revision the database is stamped at (the baseline)
     */
    public record Baselined(String revision, String file, List<String> ops, List<String> notExpressed, boolean checked,
                            String stampedAt) {
        public static Baselined of(Baseline.Result r, Path workingDir) {
            return new Baselined(r.revision().value(), relative(workingDir, r.file()), r.ops(), r.notExpressed(),
                    r.checked(), r.revision().value());
        }
    }

    /**
     * A folder imported.
     *
     * @param format    the source format
     * @param revisions the revisions written, in order
     * @param notes     every guess, pairing and skipped file
     * @param stampedAt the revisions the database was stamped at (empty: not stamped)
     * @param stampFrom where the stamp came from; left out when not stamped
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Imported(String format, List<ImportedFile> revisions, List<String> notes, List<String> stampedAt,
                           String stampFrom) {
        public static Imported of(Importer.Result r, Path workingDir) {
            return new Imported(r.format().word(), r.revisions().stream().map(w -> new ImportedFile(w.revision(),
                    relative(workingDir, w.file()), w.sources(), w.irreversible())).toList(), r.notes(), r.stampedAt(),
                    r.stampFrom());
        }
    }

    /**
     * One imported revision.
     *
     * @param irreversible why it has no downgrade; null (left out) when it has one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImportedFile(String revision, String file, List<String> sources, String irreversible) {
    }

    static String relative(Path workingDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path wd = workingDir.toAbsolutePath().normalize();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : abs.toString();
    }
}
