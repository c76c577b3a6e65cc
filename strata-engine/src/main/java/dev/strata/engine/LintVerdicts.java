package dev.strata.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The upgrade lints of a project's revisions that found nothing, kept between runs next to the folder's revision
 * cache, so that applying the same revisions again (a fresh test or CI database, a second environment) does not
 * lint them again. A verdict stands for exactly what it was made from: this build of Strata, the lint options, the
 * bytes of every revision file (each by the SHA-256 its revision cache entry is keyed by, which the runner checks
 * again when it splits the file) and the revisions judged. Only a lint without a single finding is kept; any
 * other verdict, and every observed lint, is made again each time.
 *
 * <p>The file is text: a header that names all of the above but the judged revisions, then one line per clean set
 * of judged revisions (the last {@value #KEPT}). A header that differs from this run's means another build, other
 * options or other files: the file is then replaced by this run's.
 */
public final class LintVerdicts {
    private static final String MAGIC = "strata-lint-verdicts 1";
    private static final String CLEAN = "clean ";
    static final int KEPT = 8;

    private final Path file;
    private final String stamp;
    private final Map<String, String> keys;

    private LintVerdicts(Path file, String stamp, Map<String, String> keys) {
        this.file = file;
        this.stamp = stamp;
        this.keys = new TreeMap<>(keys);
    }

    /**
     * The verdicts kept in {@code file} for revisions read from files with these {@code keys} (location to SHA-256),
     * by a build with {@code stamp}.
     */
    static LintVerdicts of(Path file, String stamp, Map<String, String> keys) {
        return new LintVerdicts(file, stamp, keys);
    }

    /** Whether the upgrade lint with {@code options} (a canonical rendering) judging {@code applying} found nothing. */
    public boolean clean(String options, Collection<String> applying) {
        String header = header(options);
        String line = CLEAN + judged(applying);
        return kept(header).contains(line);
    }

    /** Keeps that the upgrade lint with {@code options} judging {@code applying} found nothing (best effort). */
    public void rememberClean(String options, Collection<String> applying) {
        String header = header(options);
        String line = CLEAN + judged(applying);
        List<String> lines = new ArrayList<>(kept(header));
        lines.remove(line);
        lines.add(line);
        while (lines.size() > KEPT) {
            lines.remove(0);
        }
        StringBuilder out = new StringBuilder(header);
        lines.forEach(l -> out.append(l).append('\n'));
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        RevisionCacheFile.replace(file, o -> o.write(bytes)); // best effort: the next run lints again
    }

    /** The clean lines kept under {@code header}; none when the file is missing, unreadable or another header's. */
    private List<String> kept(String header) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of(); // none kept yet (NoSuchFileException), or unreadable: as if none
        }
        if (!text.startsWith(header)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String l : text.substring(header.length()).split("\n")) {
            if (l.startsWith(CLEAN)) {
                out.add(l);
            }
        }
        return out;
    }

    private String header(String options) {
        StringBuilder h = new StringBuilder(64 + keys.size() * 96);
        h.append(MAGIC).append('\n');
        h.append("stamp ").append(oneLine(stamp)).append('\n');
        h.append("options ").append(oneLine(options)).append('\n');
        h.append("files ").append(keys.size()).append('\n');
        keys.forEach((location, key) -> h.append(key).append(' ').append(oneLine(location)).append('\n'));
        return h.toString();
    }

    private static String judged(Collection<String> applying) {
        return String.join(",", new java.util.TreeSet<>(applying));
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    /** Where the verdicts of a folder whose revision cache is kept in {@code cacheFile} are kept. */
    static Path fileNextTo(Path cacheFile) {
        return cacheFile.resolveSibling(cacheFile.getFileName() + ".lint");
    }
}
