package dev.strata.engine;

import dev.strata.script.RevisionCache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A migrations folder's {@link RevisionCache} kept in a file (see {@link Project#cacheFile} for where): read before the
 * revisions are loaded, rewritten after when the run read a file it did not hold. Both are best effort: a missing,
 * unreadable or malformed file is an empty cache, and a file that cannot be written only means the next run parses
 * the revisions again. The new file is written under a temporary name and renamed, so concurrent runs never read a
 * torn one (the last to finish wins).
 */
final class RevisionCacheFile {
    private RevisionCacheFile() {
    }

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
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                cache.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // best effort: the next run parses the revisions again
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left in the cache folder; the next save makes its own
                }
            }
        }
    }
}
