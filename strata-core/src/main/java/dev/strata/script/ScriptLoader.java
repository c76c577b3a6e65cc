package dev.strata.script;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;

/**
 * Reads a migrations folder: every {@code *.sql} file under it, recursively, parsed with
 * {@link ScriptParser}. Files and folders whose names start with {@code .} are ignored. The result is in
 * path order (compared as {@code /}-separated strings relative to the folder), which is stable across
 * machines; the order of revisions is the graph's business, not the loader's, and so are duplicate ids.
 *
 * <p>Files are read as strict UTF-8: a byte sequence that is not UTF-8 is an error naming the file, the
 * line and the byte offset, never a silent replacement character.
 */
public final class ScriptLoader {
    private ScriptLoader() {
    }

    /**
     * @param dir         the migrations folder
     * @param displayBase the folder that {@code location}s are relative to, normally the working directory
     * @throws StrataException SCRIPT_DIRECTORY_UNREADABLE, SCRIPT_NOT_UTF8, IO_FAILED, or any error of
     *                         {@link ScriptParser#parse}
     */
    public static List<MigrationScript> load(Path dir, Path displayBase) {
        return load(dir, displayBase, false);
    }

    /**
     * As {@link #load(Path, Path)}; with {@code lazy}, each file's sections are split into statements on first use
     * ({@link ScriptParser#parseHeader}): for runs that verify applied revisions by checksum and split only the
     * revisions they run (see {@link dev.strata.run.MigrationSet#splitAllBut}).
     */
    public static List<MigrationScript> load(Path dir, Path displayBase, boolean lazy) {
        return load(dir, displayBase, lazy, (RevisionCache) null);
    }

    /**
     * As {@link #load(Path, Path, boolean)} with {@code lazy}, looking each file's bytes up in {@code cache} first
     * (null: none): a file read before is not parsed again (its sections are, from the same bytes, when they are
     * split); the others are parsed and added to the cache (to be written after, see {@link RevisionCache#complete()}).
     */
    public static List<MigrationScript> load(Path dir, Path displayBase, boolean lazy, RevisionCache cache) {
        return load(dir, displayBase, lazy, () -> cache);
    }

    /**
     * As {@link #load(Path, Path, boolean, RevisionCache)}, with the cache from {@code caches} (the same one, or null,
     * each time; thread-safe), asked for once the folder is listed and a file's status read: a cache still being read on
     * another thread is then read while this one lists the folder (for 1,000 revisions each took about 70 ms of a
     * no-op on a 2-core VM).
     */
    public static List<MigrationScript> load(Path dir, Path displayBase, boolean lazy,
                                             java.util.function.Supplier<RevisionCache> caches) {
        if (!Files.isDirectory(dir)) {
            String why = Files.exists(dir) ? "is not a directory" : "does not exist";
            throw new StrataException(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE, StrataException.Input.MIGRATIONS_DIR,
                    "migrations directory '" + display(dir, displayBase) + "' " + why + ": run 'strata init' to create"
                    + " it, or set the migrations folder to yours (migrations in strata.toml)");
        }
        // Each file's path relative to the folder ("sub/0001_x.sql") is its sort key, computed once; its
        // location for messages is that path behind the folder's own display path.
        List<String> files = new ArrayList<>();
        collect(dir, "", displayBase, files);
        java.util.Collections.sort(files);
        String prefix = display(dir, displayBase);
        String base = prefix.equals(".") ? "" : prefix + "/";
        long now = System.currentTimeMillis();
        // every file's status first (the cache may still be being read meanwhile), then the cache
        List<RevisionCache.Stat> stats = lazy
                ? files.parallelStream().map(relative -> stat(dir.resolve(relative), now)).toList() : null;
        RevisionCache cache = lazy ? caches.get() : null;
        // Parse on every core; errors are reported for the first bad file in sorted order, so the outcome does
        // not depend on thread timing.
        List<Object> parsed = java.util.stream.IntStream.range(0, files.size()).parallel().mapToObj(i -> {
            String relative = files.get(i);
            String location = base + relative;
            try {
                Path file = dir.resolve(relative);
                RevisionCache.Stat stat = cache != null ? stats.get(i) : null;
                if (stat != null) {
                    SqlMigration unchanged = cache.find(relative, location, stat, () -> readBytes(file, location));
                    if (unchanged != null) {
                        return (Object) unchanged;
                    }
                }
                byte[] bytes = readBytes(file, location);
                if (lazy && cache != null) {
                    String key = RevisionCache.key(bytes);
                    SqlMigration known = cache.find(key, relative, location, bytes, stat);
                    if (known != null) {
                        return (Object) known;
                    }
                    SqlMigration fresh = ScriptParser.parseHeader(location, decodeUtf8(bytes, location));
                    try {
                        // split now, on every core, so that the cache can say these bytes split cleanly: later runs
                        // then split such a revision only when it runs (MigrationSet#splitAllBut)
                        fresh.split();
                    } catch (StrataException e) {
                        // kept as not splitting: the error surfaces when the revision is split, as it always did
                    }
                    cache.remember(key, fresh, relative, stat);
                    return (Object) fresh;
                }
                String text = decodeUtf8(bytes, location);
                return (Object) (lazy ? ScriptParser.parseHeader(location, text) : ScriptParser.parse(location, text));
            } catch (StrataException e) {
                return e;
            }
        }).toList();
        List<MigrationScript> scripts = new ArrayList<>(files.size());
        for (Object o : parsed) {
            if (o instanceof StrataException e) {
                throw e;
            }
            scripts.add((MigrationScript) o);
        }
        return List.copyOf(scripts);
    }

    /** Adds the {@code *.sql} files under {@code dir} as paths relative to the migrations folder, '/'-separated. */
    private static void collect(Path dir, String relative, Path displayBase, List<String> out) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                // one stat per entry (symbolic links are followed, as Files.isDirectory does)
                java.nio.file.attribute.BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(entry, java.nio.file.attribute.BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (attrs.isDirectory()) {
                    collect(entry, relative + name + "/", displayBase, out);
                } else if (name.endsWith(".sql") && attrs.isRegularFile()) {
                    out.add(relative + name);
                }
            }
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied" : describe(e);
            throw new StrataException(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE, StrataException.Input.MIGRATIONS_DIR,
                    "cannot read migrations directory '" + display(dir, displayBase) + "' (" + why + "): fix its"
                    + " permissions, or set the migrations folder to another one (run 'strata init' to create one)", e);
        }
    }

    /**
     * The file's status for the revision cache (see {@link RevisionCache.Stat}); null where the file system has no
     * inode and status-change time, when it cannot be read, or when the file changed in the last
     * {@link #settledMs} ms (a write in the same clock tick could keep its times).
     */
    private static RevisionCache.Stat stat(Path file, long now) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino");
            long changed = ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
            long modified = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
            if (now - TimeUnit.NANOSECONDS.toMillis(Math.max(changed, modified)) < settledMs) {
                return null;
            }
            return new RevisionCache.Stat((Long) a.get("size"), modified, changed, (Long) a.get("ino"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /** How long ago a file must have last changed for its status to stand for its bytes (tests lower it). */
    static volatile long settledMs = 2_000;

    private static byte[] readBytes(Path file, String location) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read " + location
                    + ": it disappeared while reading the migrations folder; run the command again", e);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read " + location + " (" + describe(e)
                    + "): check that the file is readable", e);
        }
    }

    /** Decodes strict UTF-8, reporting the line and byte offset of the first invalid byte. */
    static String decodeUtf8(byte[] bytes, String location) {
        if (ascii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1); // the usual file: no decoder needed
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new StrataException(ErrorCode.SCRIPT_NOT_UTF8, location + ":" + line + ": not valid UTF-8 "
                    + "(byte offset " + offset + "): save the file as UTF-8");
        }
        out.flip();
        return out.toString();
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String display(Path path, Path displayBase) {
        Path abs = path.toAbsolutePath().normalize();
        Path base = displayBase.toAbsolutePath().normalize();
        if (abs.getRoot() != null && abs.getRoot().equals(base.getRoot())) {
            Path rel = base.relativize(abs);
            return rel.toString().isEmpty() ? "." : slashed(rel);
        }
        return slashed(abs);
    }

    private static String slashed(Path path) {
        return path.toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }
}
