package dev.strata.engine.adopt;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loose SQL files with numeric prefixes ({@code 001_initial_schema.sql}), ordered by prefix (numerically) then
 * by file name, so duplicate prefixes get a deterministic order, which is reported. Rollbacks are paired with
 * their forward file: {@code NAME_ROLLBACK.sql} (or {@code _rollback}, {@code _down}) beside {@code NAME.sql},
 * and files in a {@code rollback/} folder, by the same name or by the numeric prefix
 * ({@code rollback/001_rollback.sql} undoes the one forward file whose prefix is 001).
 */
final class LooseSqlReader {
    private static final Pattern FORWARD = Pattern.compile("(\\d+)[_-]?(.*)");
    private static final Pattern ROLLBACK_SUFFIX = Pattern.compile("(?i)(.+?)[_.-](rollback|down|undo)");
    private static final Pattern PREFIX = Pattern.compile("(\\d+).*");

    private LooseSqlReader() {
    }

    private record Forward(Path file, String stem, BigInteger prefix, String name) {
    }

    static SourceFolder read(SourceFiles src) {
        List<String> notes = new ArrayList<>();
        List<Forward> candidates = new ArrayList<>();
        List<Path> unprefixed = new ArrayList<>();
        for (Path f : src.files(src.dir())) {
            String n = f.getFileName().toString();
            if (!n.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                notes.add("skipped " + src.shown(f) + ": not a .sql file");
                continue;
            }
            String stem = SourceFiles.stem(f);
            Matcher m = FORWARD.matcher(stem);
            if (m.matches()) {
                candidates.add(new Forward(f, stem, new BigInteger(m.group(1)), m.group(2)));
            } else {
                unprefixed.add(f);
            }
        }
        // NAME_ROLLBACK.sql (or _rollback, _down, _undo) beside NAME.sql is NAME's rollback, not a revision
        Map<String, Forward> byStem = new LinkedHashMap<>();
        candidates.forEach(c -> byStem.put(c.stem(), c));
        List<Forward> forwards = new ArrayList<>();
        Map<Forward, Path> rollbacks = new LinkedHashMap<>();
        List<Forward[]> suffixPairs = new ArrayList<>();
        for (Forward c : candidates) {
            Matcher m = ROLLBACK_SUFFIX.matcher(c.stem());
            Forward base = m.matches() ? byStem.get(m.group(1)) : null;
            if (base != null) {
                suffixPairs.add(new Forward[] {base, c});
            } else {
                forwards.add(c);
            }
        }
        for (Path f : unprefixed) {
            Matcher m = ROLLBACK_SUFFIX.matcher(SourceFiles.stem(f));
            Forward base = m.matches() ? byStem.get(m.group(1)) : null;
            if (base != null) {
                suffixPairs.add(new Forward[] {base, new Forward(f, SourceFiles.stem(f), BigInteger.ZERO, "")});
            } else {
                notes.add("skipped " + src.shown(f) + ": no numeric prefix (NNN_name.sql), so its place in the order"
                        + " is unknown; rename it with a prefix to import it");
            }
        }
        forwards.sort(Comparator.comparing(Forward::prefix).thenComparing(x -> x.file().getFileName().toString()));
        for (Forward[] p : suffixPairs) {
            pair(src, rollbacks, p[0], p[1].file(), notes, "by name");
        }
        for (Path sub : src.folders(src.dir())) {
            String name = sub.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.equals("rollback") && !name.equals("rollbacks") && !name.equals("down")) {
                for (Path f : src.allFiles(sub)) {
                    notes.add("skipped " + src.shown(f) + ": in the folder " + sub.getFileName() + "/, which is not a"
                            + " rollback folder (import it separately if it holds migrations)");
                }
                continue;
            }
            for (Path r : src.allFiles(sub)) {
                pairFromFolder(src, forwards, rollbacks, r, notes);
            }
        }
        List<ImportedRevision> out = new ArrayList<>();
        reportDuplicates(src, forwards, notes);
        for (Forward f : forwards) {
            String where = src.shown(f.file());
            SourceSql.Section up = SourceSql.clean(SourceSql.read(f.file(), where), where, notes);
            Path rb = rollbacks.get(f);
            String id = SourceFiles.id(f.stem(), where, notes);
            String message = f.name().isEmpty() ? f.stem() : SourceFiles.message(f.name());
            List<String> sources = new ArrayList<>(List.of(where));
            String down = null;
            boolean tx = up.transactional();
            if (rb != null) {
                String rw = src.shown(rb);
                SourceSql.Section d = SourceSql.clean(SourceSql.read(rb, rw), rw, notes);
                down = d.sql();
                tx &= d.transactional();
                sources.add(rw);
            } else {
                notes.add(where + ": no rollback file; the revision is irreversible (\"" + ImportedRevision.NO_DOWNGRADE
                        + "\")");
            }
            out.add(new ImportedRevision(id, f.stem(), SourceFiles.parentOf(out), List.of(), List.of(), message, up.sql(),
                    down, down == null ? ImportedRevision.NO_DOWNGRADE : null, tx, sources));
        }
        return new SourceFolder(ImportFormat.SQL, out, notes);
    }

    private static void pairFromFolder(SourceFiles src, List<Forward> forwards, Map<Forward, Path> rollbacks, Path r,
                                       List<String> notes) {
        if (!r.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")) {
            notes.add("skipped " + src.shown(r) + ": not a .sql file");
            return;
        }
        String stem = SourceFiles.stem(r);
        Forward same = forwards.stream().filter(x -> x.stem().equals(stem)).findFirst().orElse(null);
        if (same != null) {
            pair(src, rollbacks, same, r, notes, "by name");
            return;
        }
        Matcher rs = ROLLBACK_SUFFIX.matcher(stem);
        if (rs.matches()) {
            Forward byBase = forwards.stream().filter(x -> x.stem().equals(rs.group(1))).findFirst().orElse(null);
            if (byBase != null) {
                pair(src, rollbacks, byBase, r, notes, "by name");
                return;
            }
        }
        Matcher m = PREFIX.matcher(stem);
        if (!m.matches()) {
            notes.add("skipped " + src.shown(r) + ": a rollback file without a numeric prefix; name it after its forward"
                    + " file to pair it");
            return;
        }
        BigInteger prefix = new BigInteger(m.group(1));
        List<Forward> candidates = forwards.stream().filter(x -> x.prefix().equals(prefix)).toList();
        if (candidates.isEmpty()) {
            notes.add("skipped " + src.shown(r) + ": no forward file has the prefix " + m.group(1));
            return;
        }
        if (candidates.size() > 1) {
            throw new StrataException(ErrorCode.SCRIPT_HEADER_INVALID, src.shown(r) + ": the prefix " + m.group(1)
                    + " belongs to " + candidates.size() + " forward files (" + String.join(", ",
                    candidates.stream().map(c -> c.file().getFileName().toString()).toList()) + "); rename the"
                    + " rollback after the one it undoes (e.g. " + candidates.get(0).stem() + "_ROLLBACK.sql); nothing"
                    + " was written");
        }
        pair(src, rollbacks, candidates.get(0), r, notes, "by the prefix " + m.group(1));
    }

    private static void pair(SourceFiles src, Map<Forward, Path> rollbacks, Forward fwd, Path r, List<String> notes,
                             String how) {
        Path before = rollbacks.putIfAbsent(fwd, r);
        if (before != null) {
            throw new StrataException(ErrorCode.SCRIPT_HEADER_INVALID, src.shown(fwd.file()) + " has two rollback"
                    + " files (" + src.shown(before) + ", " + src.shown(r) + "); keep one and import again; nothing was"
                    + " written");
        }
        notes.add("paired " + src.shown(r) + " with " + src.shown(fwd.file()) + " (" + how + "): it becomes the"
                + " downgrade");
    }

    private static void reportDuplicates(SourceFiles src, List<Forward> forwards, List<String> notes) {
        Map<BigInteger, List<Forward>> byPrefix = new LinkedHashMap<>();
        for (Forward f : forwards) {
            byPrefix.computeIfAbsent(f.prefix(), k -> new ArrayList<>()).add(f);
        }
        byPrefix.forEach((p, list) -> {
            if (list.size() > 1) {
                Matcher m = FORWARD.matcher(list.get(0).stem());
                String written = m.matches() ? m.group(1) : p.toString();
                notes.add("guessed order: " + list.size() + " files share the prefix " + written + "; ordered by file name: "
                        + String.join(" before ", list.stream().map(f -> f.file().getFileName().toString()).toList())
                        + " (if that is wrong, edit the parents lines of the imported revisions)");
            }
        });
    }
}
