package dev.strata.engine;

import dev.strata.engine.config.Settings;
import dev.strata.java.JavaMigrationLoader;
import dev.strata.run.MigrationSet;
import dev.strata.script.MigrationScript;
import dev.strata.script.RevisionCache;
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
    private final List<String> locations;
    private final Path folder;
    private final Path workingDir;
    private final ClassLoader classLoader;
    private final Settings settings;
    private MigrationSet migrations;
    private URLClassLoader javaLoader;
    private boolean firstJavaRevision;
    private boolean splitOnUse;
    private java.util.Map<String, String> cacheEnvironment;
    /** The one folder's revisions as loaded, when they are all the project's revisions (for lint verdicts); else null. */
    private Loaded sole;
    private Optional<LintVerdicts> verdicts;

    private Project(List<String> locations, Path folder, Path workingDir, ClassLoader classLoader, Settings settings) {
        this.locations = locations;
        this.folder = folder;
        this.workingDir = workingDir;
        this.classLoader = classLoader;
        this.settings = settings;
    }

    /** The project the settings describe: the migrations folder and the Java revisions of {@code java_package}. */
    public static Project of(Settings settings, Path workingDir) {
        return new Project(List.of(), settings.migrationsDir(), workingDir, null, settings);
    }

    /**
     * A project whose SQL revisions are at {@code locations}: folder paths (relative to {@code workingDir}, with or
     * without a {@code filesystem:} prefix) and {@code classpath:PATH} locations read from {@code loader}, merged
     * into one set. The Java revisions of {@code settings} are read from {@code loader} when
     * {@code java_classpath} is empty. With a single folder location, new revisions are written there.
     */
    public static Project at(List<String> locations, ClassLoader loader, Settings settings, Path workingDir) {
        Objects.requireNonNull(loader, "loader");
        List<String> all = List.copyOf(locations);
        Path dir = null;
        if (all.size() == 1 && !ClasspathScripts.isClasspath(all.get(0))) {
            dir = folderOf(all.get(0), workingDir);
        }
        return new Project(all, dir, workingDir, loader, settings);
    }

    private static Path folderOf(String location, Path workingDir) {
        return workingDir.resolve(location.startsWith("filesystem:") ? location.substring(11) : location).normalize();
    }

    /**
     * Lets a new project without compiled Java revisions load: when nothing of {@code java_classpath} exists
     * and no Java source is in the package yet, there are no Java revisions (instead of an error about the
     * missing class folder). For writing the first revision; call before {@link #migrations()}.
     */
    public synchronized Project allowingFirstJavaRevision() {
        this.firstJavaRevision = true;
        return this;
    }

    /**
     * Reads the SQL revisions' headers and checksums only, splitting their statements on first use: for runs,
     * which verify the applied revisions by checksum and split what they may run
     * ({@link MigrationSet#splitAllBut}). Call before {@link #migrations()}; no effect after.
     */
    public synchronized Project splittingOnUse() {
        this.splitOnUse = true;
        return this;
    }

    /**
     * Keeps what the SQL revision files parse to between runs, in the {@link RevisionCache} that the variables of
     * {@code env} place (see {@link RevisionCacheFile#location}), for the runs of {@link #splittingOnUse()}: the command line's
     * projects do. Call before {@link #migrations()}; no effect after.
     */
    public synchronized Project cachingIn(java.util.Map<String, String> env) {
        this.cacheEnvironment = java.util.Map.copyOf(env);
        return this;
    }

    /** The folder the SQL revisions are read from, when they come from a folder (new revisions are written there). */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** Where the SQL revisions come from, as messages name it. */
    public String location() {
        return locations.isEmpty() ? folder.toString() : String.join(", ", locations);
    }

    /**
     * The SQL revisions of a folder; for runs ({@link #splittingOnUse()}), through the folder's
     * {@link RevisionCache}, so that the files read before are hashed, not parsed.
     */
    private Loaded loadFolder(Path dir) {
        if (!splitOnUse) {
            return new Loaded(ScriptLoader.load(dir, workingDir, false), null);
        }
        // The cache's place, its stamp and the cache itself are found on a thread of their own while this one lists
        // the folder and reads its files' status (in a new JVM they took 120-170 ms of a 1,000-revision no-op
        // together, most of it running code for the first time).
        java.util.concurrent.CompletableFuture<Kept> kept = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                kept.complete(Kept.of(dir, cacheEnvironment));
            } catch (RuntimeException | Error e) {
                kept.complete(null); // no cache this time: every file is read and parsed
            }
        }, "strata-revision-cache");
        reader.setDaemon(true);
        reader.start();
        List<MigrationScript> scripts = ScriptLoader.load(dir, workingDir, true, () -> {
            Kept k = kept.join();
            return k == null ? null : k.cache();
        });
        Kept k = kept.join();
        if (k != null) {
            RevisionCacheFile.save(k.cache(), k.file());
        }
        return new Loaded(scripts, k);
    }

    /** The revision cache of a folder, the file it is kept in and the stamp it was read with. */
    private record Kept(Path file, String stamp, RevisionCache cache) {
        /** The folder's cache, or null when there is none (no cache folder, or no stamp for this build). */
        static Kept of(Path dir, java.util.Map<String, String> env) {
            Optional<Path> file = env == null ? Optional.empty() : RevisionCacheFile.location(dir, env);
            Optional<String> stamp = file.isEmpty() ? Optional.empty() : RevisionCacheFile.stamp();
            if (file.isEmpty() || stamp.isEmpty()) {
                return null;
            }
            return new Kept(file.get(), stamp.get(), RevisionCacheFile.read(file.get(), stamp.get()));
        }
    }

    /** A folder's revisions, with the cache they were looked up in (null: none). */
    private record Loaded(List<MigrationScript> scripts, Kept kept) {
        /**
         * Their clean lints kept next to the cache; null without a cache, when a revision was not looked up in it, or
         * for a build whose code is in class folders ({@link RevisionCacheFile#jarStamp()}).
         */
        LintVerdicts verdicts() {
            Optional<String> build = kept == null ? Optional.empty() : RevisionCacheFile.jarStamp();
            if (build.isEmpty()) {
                return null;
            }
            java.util.Map<String, String> keys = new java.util.HashMap<>();
            for (MigrationScript m : scripts) {
                String key = kept.cache().keyOf(m.location());
                if (key == null) {
                    return null;
                }
                keys.put(m.location(), key);
            }
            return LintVerdicts.of(LintVerdicts.fileNextTo(kept.file()), kept.stamp() + " / " + build.get(), keys);
        }
    }

    /** Every revision, loaded and validated once (graph errors and ids used by both kinds surface here). */
    public synchronized MigrationSet migrations() {
        if (migrations == null) {
            List<MigrationScript> scripts = new ArrayList<>();
            List<Loaded> folders = new ArrayList<>();
            boolean others = false; // revisions from elsewhere than a folder
            boolean java = settings.java().enabled();
            if (!locations.isEmpty()) {
                for (String location : locations) {
                    if (ClasspathScripts.isClasspath(location)) {
                        others = true;
                        scripts.addAll(ClasspathScripts.load(classLoader, location));
                    } else {
                        folders.add(loadFolder(folderOf(location, workingDir)));
                        scripts.addAll(folders.get(folders.size() - 1).scripts());
                    }
                }
            } else if (!java || Files.exists(folder)) {
                folders.add(loadFolder(folder));
                scripts.addAll(folders.get(0).scripts());
            }
            if (java && !(firstJavaRevision && noJavaRevisionsYet())) {
                others = true;
                String pkg = settings.java().packageName().orElseThrow();
                if (classLoader != null && settings.java().classpath().isEmpty()) {
                    scripts.addAll(JavaMigrationLoader.load(classLoader, pkg));
                } else {
                    javaLoader = JavaClassPath.open(settings, workingDir);
                    scripts.addAll(JavaMigrationLoader.load(javaLoader, pkg));
                }
            }
            migrations = MigrationSet.of(scripts);
            sole = !others && folders.size() == 1 ? folders.get(0) : null;
        }
        return migrations;
    }

    /**
     * The clean upgrade lints of these revisions kept between runs ({@link LintVerdicts}); empty unless every revision
     * is a SQL file of the one folder read through its revision cache ({@link #cachingIn}, for runs) by a build
     * whose code is in jars.
     */
    public synchronized Optional<LintVerdicts> lintVerdicts() {
        migrations();
        if (verdicts == null) {
            verdicts = Optional.ofNullable(sole == null ? null : sole.verdicts());
        }
        return verdicts;
    }

    /**
     * A new project: nothing of {@code java_classpath} exists and no Java source is in the revisions' package
     * under {@code java_sources}, so there are no Java revisions to load yet (the first one is being written).
     */
    private boolean noJavaRevisionsYet() {
        if (settings.java().classpath().isEmpty() || settings.java().classpath().stream().anyMatch(Files::exists)) {
            return false;
        }
        Path pkgDir = settings.java().sources().resolve(settings.java().packageName().orElseThrow().replace('.', '/'));
        if (!Files.isDirectory(pkgDir)) {
            return true;
        }
        try (var files = Files.walk(pkgDir)) {
            return files.noneMatch(p -> p.toString().endsWith(".java"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The text of the SQL revision file at {@code location} as {@link #migrations()} names it (a path relative to
     * the working directory, or {@code classpath:PATH} read from the project's class loader), for the linter's
     * {@code -- strata:allow} lines.
     */
    public String text(String location) {
        try {
            if (ClasspathScripts.isClasspath(location)) {
                ClassLoader loader = classLoader != null ? classLoader : Project.class.getClassLoader();
                try (java.io.InputStream in = loader.getResourceAsStream(location.substring(ClasspathScripts.PREFIX.length()))) {
                    if (in == null) {
                        throw new java.io.FileNotFoundException("not on the class path");
                    }
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return Files.readString(workingDir.resolve(location), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new dev.strata.error.StrataException(dev.strata.error.ErrorCode.IO_FAILED, "cannot read " + location
                    + ": " + e.getMessage() + "; check that the revision file is still there and readable", e);
        }
    }

    @Override
    public void close() {
        JavaClassPath.close(javaLoader);
    }
}
