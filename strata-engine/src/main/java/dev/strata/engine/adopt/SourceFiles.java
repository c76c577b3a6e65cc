package dev.strata.engine.adopt;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Listing a source folder, naming its files for people, and deriving Strata ids and messages from file names. */
final class SourceFiles {
    private final Path dir;
    private final Function<Path, String> shown;

    SourceFiles(Path dir, Function<Path, String> shown) {
        this.dir = dir;
        this.shown = shown;
    }

    Path dir() {
        return dir;
    }

    String shown(Path p) {
        return shown.apply(p);
    }

    /** The regular files directly inside {@code folder}, sorted by name. */
    List<Path> files(Path folder) {
        return list(folder, false);
    }

    /** Every regular file under {@code folder} (sub-folders included, hidden ones left out), sorted by path. */
    List<Path> allFiles(Path folder) {
        return list(folder, true);
    }

    /** The folders directly inside {@code folder}, sorted by name (hidden ones left out). */
    List<Path> folders(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isDirectory).filter(p -> !hiddenPath(p.getFileName())).sorted(byName()).toList();
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot list " + shown(folder) + ": " + e.getMessage());
        }
    }

    private List<Path> list(Path folder, boolean deep) {
        try (Stream<Path> s = deep ? Files.walk(folder) : Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> !hiddenPath(folder.relativize(p)))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot list " + shown(folder) + ": " + e.getMessage());
        }
    }

    private static boolean hiddenPath(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".") || part.toString().equals("__pycache__")) {
                return true;
            }
        }
        return false;
    }

    static Comparator<Path> byName() {
        return Comparator.comparing(p -> p.getFileName().toString());
    }

    /** A file name without its extension(s) {@code .sql}, {@code .up.sql}, {@code .down.sql}, {@code .py}. */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        for (String ext : List.of(".up.sql", ".down.sql", ".sql", ".py")) {
            if (n.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    /**
     * A valid Strata id from {@code text}: characters other than letters, digits, {@code _} and {@code .} become
     * {@code _}; a change is noted.
     */
    static String id(String text, String where, List<String> notes) {
        String id = text.replaceAll("[^A-Za-z0-9_.]", "_");
        if (id.isEmpty()) {
            id = "r";
        }
        if (!id.equals(text)) {
            notes.add(where + ": id '" + text + "' is not a valid Strata id (letters, digits, '_', '.'); it became '"
                    + id + "'");
        }
        RevisionId.of(id);
        return id;
    }

    /** Words of a name as a message: separators to spaces. */
    static String message(String name) {
        String m = name.replaceAll("[_-]+", " ").strip();
        return m.isEmpty() ? name : m;
    }

    /** Numeric comparison of dotted versions ({@code 1.10 > 1.9}, {@code 1 == 1.0}). */
    static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The parts of a version written with {@code .} or {@code _} between numbers. */
    static List<BigInteger> versionParts(String version) {
        List<BigInteger> out = new ArrayList<>();
        for (String p : version.split("[._]")) {
            out.add(new BigInteger(p));
        }
        return out;
    }

    /** A linear chain: each revision's parent is the one before it. */
    static List<String> parentOf(List<ImportedRevision> done) {
        return done.isEmpty() ? List.of() : List.of(done.get(done.size() - 1).id());
    }
}
