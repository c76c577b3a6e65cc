package dev.strata.engine.adopt;

import java.util.List;
import java.util.Objects;

/**
 * One revision read from a source folder, before it is written as a Strata SQL revision.
 *
 * @param id            the Strata id (derived from the source version, valid)
 * @param sourceVersion the version as the source tool knows it (Flyway {@code 1.1}, an Alembic revision...),
 *                      used to match the tool's version table when stamping
 * @param parents       parent ids (empty: a root)
 * @param dependsOn     depends-on ids
 * @param branchLabels  branch labels
 * @param message       the message
 * @param upgrade       the upgrade SQL (may be empty only for a merge)
 * @param downgrade     the downgrade SQL, or null when the source has none
 * @param irreversible  why there is no downgrade; non-null exactly when {@code downgrade} is null
 * @param transactional whether the revision runs in one transaction
 * @param sources       the source files it was made from, as shown to the user
 */
public record ImportedRevision(String id, String sourceVersion, List<String> parents, List<String> dependsOn,
                               List<String> branchLabels, String message, String upgrade, String downgrade,
                               String irreversible, boolean transactional, List<String> sources) {
    /** The reason written when the source has no downgrade for a revision. */
    public static final String NO_DOWNGRADE = "imported without a downgrade";

    public ImportedRevision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceVersion, "sourceVersion");
        parents = List.copyOf(parents);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = List.copyOf(branchLabels);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(upgrade, "upgrade");
        if ((downgrade == null) == (irreversible == null)) {
            throw new IllegalArgumentException("either a downgrade or an irreversible reason");
        }
        sources = List.copyOf(sources);
    }
}
