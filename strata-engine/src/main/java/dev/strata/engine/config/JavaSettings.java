package dev.strata.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the project's Java revisions are: {@code java_package}, {@code java_classpath} and
 * {@code java_sources} of {@code [strata]}.
 *
 * <p>Invariants: paths are absolute and normalized; Java revisions are loaded exactly when
 * {@code packageName} is present.
 *
 * @param packageName the package holding the revision classes (subpackages included), or empty when the
 *                    project has no Java revisions
 * @param classpath   folders of {@code .class} files and jars holding them (and what they need beyond
 *                    Strata itself), in lookup order
 * @param sources     the source folder {@code strata revision --java} writes new classes under
 */
public record JavaSettings(Optional<String> packageName, List<Path> classpath, Path sources) {
    public JavaSettings {
        Objects.requireNonNull(packageName, "packageName");
        classpath = classpath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        sources = Objects.requireNonNull(sources, "sources").toAbsolutePath().normalize();
    }

    /** No Java revisions; new ones would be written under {@code projectDir/src/main/java}. */
    public static JavaSettings none(Path projectDir) {
        return new JavaSettings(Optional.empty(), List.of(), projectDir.resolve(Defaults.JAVA_SOURCES));
    }

    public boolean enabled() {
        return packageName.isPresent();
    }
}
