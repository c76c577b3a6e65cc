package dev.strata.engine.adopt;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flyway folder (sub-folders included, as Flyway scans them): versioned {@code V<version>__<desc>.sql} in
 * numeric version order ({@code 1 < 1.1 < 1.10 < 2}; {@code _} in a version is a {@code .}), each with the
 * undo {@code U<version>__<desc>.sql} of the same version as its downgrade; repeatable {@code R__<desc>.sql}
 * files become revisions after the last versioned one, in description order (as Flyway runs them), applied
 * once and irreversible, which is reported. Callbacks and other files are reported as skipped.
 */
final class FlywayReader {
    static final Pattern VERSIONED = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z_:.]+}");
    static final String REPEATABLE_REASON = "imported from a Flyway repeatable migration (R__), which Flyway reruns"
            + " when it changes; here it is applied once";

    private FlywayReader() {
    }

    private record Versioned(Path file, String version, List<BigInteger> parts, String description) {
    }

    static SourceFolder read(SourceFiles src) {
        List<String> notes = new ArrayList<>();
        List<Versioned> vs = new ArrayList<>();
        Map<List<BigInteger>, Versioned> undos = new LinkedHashMap<>();
        List<Path> repeatables = new ArrayList<>();
        for (Path f : src.allFiles(src.dir())) {
            String n = f.getFileName().toString();
            Matcher v = VERSIONED.matcher(n);
            Matcher r = REPEATABLE.matcher(n);
            if (v.matches()) {
                String version = v.group(2).replace('_', '.');
                Versioned x = new Versioned(f, version, SourceFiles.versionParts(version), v.group(3));
                if (v.group(1).equals("V")) {
                    vs.add(x);
                } else {
                    Versioned before = undos.put(normalized(x.parts()), x);
                    if (before != null) {
                        throw duplicate(src, before.file(), f, version);
                    }
                }
            } else if (r.matches()) {
                repeatables.add(f);
            } else {
                notes.add("skipped " + src.shown(f) + ": not a Flyway SQL migration (V<version>__<desc>.sql,"
                        + " U<version>__<desc>.sql, R__<desc>.sql)" + (n.endsWith(".sql") ? "; a callback or"
                        + " misnamed file runs nowhere in Strata: add its SQL to a revision by hand if needed" : ""));
            }
        }
        vs.sort((a, b) -> SourceFiles.compareVersions(a.parts(), b.parts()));
        for (int i = 1; i < vs.size(); i++) {
            if (SourceFiles.compareVersions(vs.get(i - 1).parts(), vs.get(i).parts()) == 0) {
                throw duplicate(src, vs.get(i - 1).file(), vs.get(i).file(), vs.get(i).version());
            }
        }
        List<ImportedRevision> out = new ArrayList<>();
        for (Versioned v : vs) {
            String where = src.shown(v.file());
            SourceSql.Section up = section(src, v.file(), notes);
            Versioned undo = undos.remove(normalized(v.parts()));
            String down = null;
            boolean tx = up.transactional();
            List<String> sources = new ArrayList<>(List.of(where));
            if (undo != null) {
                SourceSql.Section d = section(src, undo.file(), notes);
                down = d.sql();
                tx &= d.transactional();
                sources.add(src.shown(undo.file()));
                notes.add("paired " + src.shown(undo.file()) + " with " + where + ": it becomes the downgrade");
            } else {
                notes.add(where + ": no undo file (U" + v.version() + "__...); the revision is irreversible (\""
                        + ImportedRevision.NO_DOWNGRADE + "\")");
            }
            String id = SourceFiles.id("V" + v.version(), where, notes);
            out.add(new ImportedRevision(id, v.version(), SourceFiles.parentOf(out), List.of(), List.of(),
                    SourceFiles.message(v.description()), up.sql(), down, down == null ? ImportedRevision.NO_DOWNGRADE : null,
                    tx, sources));
        }
        for (Versioned u : undos.values()) {
            notes.add("skipped " + src.shown(u.file()) + ": undoes version " + u.version() + ", which has no V"
                    + u.version() + "__ file");
        }
        repeatables.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path f : repeatables) {
            String where = src.shown(f);
            Matcher r = REPEATABLE.matcher(f.getFileName().toString());
            r.matches();
            SourceSql.Section up = section(src, f, notes);
            String id = SourceFiles.id("R__" + r.group(1), where, notes);
            notes.add(where + ": a repeatable migration; it becomes revision " + id + " after the last versioned one,"
                    + " applied once and irreversible (later changes need a new revision)");
            out.add(new ImportedRevision(id, "R__" + r.group(1), SourceFiles.parentOf(out), List.of(), List.of(),
                    SourceFiles.message(r.group(1)), up.sql(), null, REPEATABLE_REASON, up.transactional(),
                    List.of(where)));
        }
        return new SourceFolder(ImportFormat.FLYWAY, out, notes);
    }

    private static SourceSql.Section section(SourceFiles src, Path f, List<String> notes) {
        String where = src.shown(f);
        String text = SourceSql.read(f, where);
        Matcher p = PLACEHOLDER.matcher(text);
        if (p.find()) {
            notes.add(where + ": uses the Flyway placeholder " + p.group() + ", which Strata does not replace; edit the"
                    + " imported revision");
        }
        return SourceSql.clean(text, where, notes);
    }

    /** A version without trailing zero parts, so that 1 and 1.0 are one key. */
    static List<BigInteger> normalized(List<BigInteger> parts) {
        List<BigInteger> out = new ArrayList<>(parts);
        while (out.size() > 1 && out.get(out.size() - 1).signum() == 0) {
            out.remove(out.size() - 1);
        }
        return List.copyOf(out);
    }

    private static StrataException duplicate(SourceFiles src, Path a, Path b, String version) {
        return new StrataException(ErrorCode.DUPLICATE_REVISION, "two Flyway files have the version " + version + ": "
                + src.shown(a) + " and " + src.shown(b) + "; Flyway refuses that too: renumber one; nothing was written");
    }
}
