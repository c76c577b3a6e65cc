package dev.strata.engine;

import dev.strata.script.RevisionCache;
import dev.strata.script.ScriptLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * A migrations folder's {@link RevisionCache} kept in a file (see {@link #location} for where): read before the
 * revisions are loaded, rewritten after when the run read a file it did not hold. Both are best effort: a missing,
 * unreadable or malformed file is an empty cache, and a file that cannot be written only means the next run parses
 * the revisions again. The new file is written under a temporary name and renamed, so concurrent runs never read a
 * torn one (the last to finish wins).
 */
final class RevisionCacheFile {
    private RevisionCacheFile() {
    }

    /**
     * Where the revision cache of the migrations folder {@code dir} is kept: a file named after the folder's absolute
     * path under {@code $XDG_CACHE_HOME/strata/revisions} (else {@code $HOME/.cache/strata/revisions}), or under
     * {@code $STRATA_CACHE_DIR/revisions} when set; none when {@code STRATA_CACHE_DIR} is {@code off} or neither
     * {@code XDG_CACHE_HOME} nor {@code HOME} is set.
     */
    static Optional<Path> location(Path dir, java.util.Map<String, String> env) {
        String configured = env.get("STRATA_CACHE_DIR");
        String xdg = env.get("XDG_CACHE_HOME");
        String home = env.get("HOME");
        try {
            Path root;
            if (configured != null && !configured.isBlank()) {
                if (configured.equals("off")) {
                    return Optional.empty();
                }
                root = Path.of(configured);
            } else if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
                root = Path.of(xdg, "strata");
            } else if (home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
                root = Path.of(home, ".cache", "strata");
            } else {
                return Optional.empty();
            }
            // the folder's absolute path as a name: a CRC-32C of it with its length, not a SHA-256, whose security
            // providers would be set up for this alone (about 10 ms of a no-op's start-up); two folders that meet on
            // a name only overwrite each other's entries, which are found by file status or by content hash
            byte[] path = dir.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(path);
            String hex = Long.toHexString(crc.getValue()); // not String.format: its parser is slow to start
            String name = "00000000".substring(hex.length()) + hex + "-" + path.length;
            return Optional.of(root.resolve("revisions").resolve(name));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty(); // a variable that names no path: no cache
        }
    }

    /**
     * What a revision cache must have been written by to be read: this engine version; for a development build
     * ({@code -SNAPSHOT}, or unfiltered sources), also the size and modification time of the jar or class file the
     * parser comes from, since such a build may change what the parser accepts without a new version; empty (no
     * cache) when that file cannot be found.
     */
    static Optional<String> stamp() {
        String version = EngineVersion.get();
        if (released(version)) {
            return Optional.of("strata " + version);
        }
        Optional<Path> code = codeSource(ScriptLoader.class);
        if (code.isEmpty()) {
            return Optional.empty(); // no code source to tell this build from the next
        }
        Path where = Files.isDirectory(code.get()) ? code.get().resolve("dev/strata/script/ScriptParser.class")
                : code.get();
        return sizeAndTime(where).map(t -> "strata " + version + " " + t);
    }

    /** Whether {@code version} is a release's: one build only ever has it (not {@code -SNAPSHOT}, not unfiltered). */
    private static boolean released(String version) {
        return !version.equals("dev") && !version.endsWith("-SNAPSHOT");
    }

    /** The jar or class folder {@code c} was loaded from; empty when the class loader does not tell. */
    private static Optional<Path> codeSource(Class<?> c) {
        try {
            return Optional.of(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "SIZE MODIFIED_MILLIS" of {@code file}; empty when it cannot be read. */
    private static Optional<String> sizeAndTime(Path file) {
        try {
            return Optional.of(Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * What a kept lint verdict ({@link LintVerdicts}) must have been made by beyond {@link #stamp()}: for a
     * development build, the size and modification time of the jars the linter (strata-core) and the gate
     * (strata-engine) come from; empty when either is a folder of classes, whose rules can change without either
     * stamp changing.
     */
    static Optional<String> jarStamp() {
        String folders = classFoldersStamp;
        if (released(EngineVersion.get())) {
            return Optional.of("release");
        }
        List<String> parts = new java.util.ArrayList<>();
        for (Class<?> c : List.of(ScriptLoader.class, RevisionCacheFile.class)) {
            Optional<Path> code = codeSource(c);
            Optional<String> part = code.isEmpty() ? Optional.empty()
                    : Files.isRegularFile(code.get()) ? sizeAndTime(code.get()) : Optional.ofNullable(folders);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts.add(part.get());
        }
        return Optional.of(String.join(" ", parts));
    }

    /** Tests only: what stands for the stamp of a folder of classes (null: a folder has none). */
    static volatile String classFoldersStamp;

    static RevisionCache read(Path file, String stamp) {
        try (InputStream in = Files.newInputStream(file)) {
            return RevisionCache.read(in, stamp);
        } catch (NoSuchFileException e) {
            return RevisionCache.empty(stamp); // the first run: nothing kept yet
        } catch (IOException | RuntimeException e) {
            return RevisionCache.empty(stamp);
        }
    }

    static void save(RevisionCache cache, Path file) {
        if (cache.complete()) {
            return;
        }
        replace(file, cache::write); // best effort: the next run parses the revisions again
    }

    /** What {@link #replace} writes. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} whole or not at all: into a temporary file of its folder, then renamed over it, so that runs
     * starting meanwhile read the old file or the new one. Best effort: a failure leaves {@code file} as it was.
     */
    static void replace(Path file, Content content) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // left as it was
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left in the cache folder; the next write makes its own
                }
            }
        }
    }
}
