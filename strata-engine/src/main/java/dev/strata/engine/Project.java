package dev.strata.engine;

import dev.strata.engine.config.Settings;
import dev.strata.java.JavaMigrationLoader;
import dev.strata.run.MigrationSet;
import dev.strata.script.MigrationScript;
import dev.strata.script.ScriptLoader;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's revisions and where they come from: the SQL files of a folder or of a classpath location
 * ({@code classpath:db/strata}, also inside an application jar), plus the Java revisions of a package
 * (on {@code java_classpath}, or on the application's own class loader). Loaded once, on first use; close
 * it to release the Java revisions' class loader.
 */
public final class Project implements AutoCloseable {
    private final String location;
    private final Path folder;
    private final Path workingDir;
    private final ClassLoader classLoader;
    private final Settings settings;
    private MigrationSet migrations;
    private URLClassLoader javaLoader;

    private Project(String location, Path folder, Path workingDir, ClassLoader classLoader, Settings settings) {
        this.location = location;
        this.folder = folder;
        this.workingDir = workingDir;
        this.classLoader = classLoader;
        this.settings = settings;
    }

    /** The project the settings describe: the migrations folder and the Java revisions of {@code java_package}. */
    public static Project of(Settings settings, Path workingDir) {
        return new Project(null, settings.migrationsDir(), workingDir, null, settings);
    }

    /**
     * A project whose SQL revisions are at {@code location}: a folder path, or {@code classpath:PATH} read from
     * {@code loader}; the Java revisions of {@code settings} are read from {@code loader} too when
     * {@code java_classpath} is empty.
     */
    public static Project at(String location, ClassLoader loader, Settings settings, Path workingDir) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(loader, "loader");
        if (ClasspathScripts.isClasspath(location)) {
            return new Project(location, null, workingDir, loader, settings);
        }
        Path dir = workingDir.resolve(location.startsWith("filesystem:") ? location.substring(11) : location).normalize();
        return new Project(null, dir, workingDir, loader, settings);
    }

    /** The folder the SQL revisions are read from, when they come from a folder (new revisions are written there). */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** Where the SQL revisions come from, as messages name it. */
    public String location() {
        return location != null ? location : folder.toString();
    }

    /** Every revision, loaded and validated once (graph errors and ids used by both kinds surface here). */
    public synchronized MigrationSet migrations() {
        if (migrations == null) {
            List<MigrationScript> scripts = new ArrayList<>();
            boolean java = settings.java().enabled();
            if (location != null) {
                scripts.addAll(ClasspathScripts.load(classLoader, location));
            } else if (!java || Files.exists(folder)) {
                scripts.addAll(ScriptLoader.load(folder, workingDir));
            }
            if (java) {
                String pkg = settings.java().packageName().orElseThrow();
                if (classLoader != null && settings.java().classpath().isEmpty()) {
                    scripts.addAll(JavaMigrationLoader.load(classLoader, pkg));
                } else {
                    javaLoader = JavaClassPath.open(settings, workingDir);
                    scripts.addAll(JavaMigrationLoader.load(javaLoader, pkg));
                }
            }
            migrations = MigrationSet.of(scripts);
        }
        return migrations;
    }

    @Override
    public void close() {
        JavaClassPath.close(javaLoader);
    }
}
