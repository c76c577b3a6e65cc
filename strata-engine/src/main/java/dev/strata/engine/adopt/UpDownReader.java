package dev.strata.engine.adopt;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two tools that keep up and down SQL by version: golang-migrate ({@code <version>_<title>.up.sql} and
 * {@code .down.sql}, a pair per version) and dbmate ({@code <version>_<name>.sql} holding a
 * {@code -- migrate:up} and a {@code -- migrate:down} section; {@code transaction:false} after a marker makes
 * the revision non-transactional). Both order by the numeric version.
 */
final class UpDownReader {
    static final Pattern GOLANG = Pattern.compile("(\\d+)_(.+)\\.(up|down)\\.sql");
    static final Pattern DBMATE_FILE = Pattern.compile("(\\d+)_?(.*)\\.sql");
    static final Pattern DBMATE_MARKER = Pattern.compile("(?m)^--\\s*migrate:(up|down)\\b(.*)$");

    private UpDownReader() {
    }

    static SourceFolder golang(SourceFiles src) {
        List<String> notes = new ArrayList<>();
        Map<BigInteger, Path> ups = new TreeMap<>();
        Map<BigInteger, Path> downs = new TreeMap<>();
        for (Path f : src.files(src.dir())) {
            Matcher m = GOLANG.matcher(f.getFileName().toString());
            if (!m.matches()) {
                notes.add("skipped " + src.shown(f) + ": not a golang-migrate file (<version>_<title>.up.sql or .down.sql)");
                continue;
            }
            Map<BigInteger, Path> side = m.group(3).equals("up") ? ups : downs;
            Path before = side.put(new BigInteger(m.group(1)), f);
            if (before != null) {
                throw new StrataException(ErrorCode.DUPLICATE_REVISION, "two ." + m.group(3) + ".sql files have the"
                        + " version " + m.group(1) + ": " + src.shown(before) + " and " + src.shown(f)
                        + "; golang-migrate refuses that too: renumber one; nothing was written");
            }
        }
        for (Path f : src.folders(src.dir())) {
            notes.add("skipped the folder " + src.shown(f) + "/: golang-migrate reads one folder, not its sub-folders");
        }
        List<ImportedRevision> out = new ArrayList<>();
        for (Map.Entry<BigInteger, Path> e : ups.entrySet()) {
            Path up = e.getValue();
            String where = src.shown(up);
            Matcher m = GOLANG.matcher(up.getFileName().toString());
            m.matches();
            SourceSql.Section u = SourceSql.clean(SourceSql.read(up, where), where, notes);
            Path downFile = downs.remove(e.getKey());
            String down = null;
            boolean tx = u.transactional();
            List<String> sources = new ArrayList<>(List.of(where));
            if (downFile != null) {
                String dw = src.shown(downFile);
                SourceSql.Section d = SourceSql.clean(SourceSql.read(downFile, dw), dw, notes);
                down = d.sql();
                tx &= d.transactional();
                sources.add(dw);
            } else {
                notes.add(where + ": no .down.sql; the revision is irreversible (\"" + ImportedRevision.NO_DOWNGRADE + "\")");
            }
            String id = SourceFiles.id(m.group(1) + "_" + m.group(2), where, notes);
            out.add(new ImportedRevision(id, m.group(1), SourceFiles.parentOf(out), List.of(), List.of(),
                    SourceFiles.message(m.group(2)), u.sql(), down, down == null ? ImportedRevision.NO_DOWNGRADE : null,
                    tx, sources));
        }
        for (Path d : downs.values()) {
            notes.add("skipped " + src.shown(d) + ": a .down.sql without its .up.sql");
        }
        return new SourceFolder(ImportFormat.GOLANG_MIGRATE, out, notes);
    }

    static SourceFolder dbmate(SourceFiles src) {
        List<String> notes = new ArrayList<>();
        Map<BigInteger, Path> files = new TreeMap<>();
        for (Path f : src.files(src.dir())) {
            Matcher m = DBMATE_FILE.matcher(f.getFileName().toString());
            if (!m.matches()) {
                notes.add("skipped " + src.shown(f) + ": not a dbmate migration (<version>_<name>.sql)");
                continue;
            }
            Path before = files.put(new BigInteger(m.group(1)), f);
            if (before != null) {
                throw new StrataException(ErrorCode.DUPLICATE_REVISION, "two dbmate files have the version "
                        + m.group(1) + ": " + src.shown(before) + " and " + src.shown(f) + "; renumber one; nothing"
                        + " was written");
            }
        }
        for (Path f : src.folders(src.dir())) {
            notes.add("skipped the folder " + src.shown(f) + "/: dbmate reads one folder, not its sub-folders");
        }
        List<ImportedRevision> out = new ArrayList<>();
        for (Path f : files.values()) {
            String where = src.shown(f);
            Matcher name = DBMATE_FILE.matcher(f.getFileName().toString());
            name.matches();
            String text = SourceSql.read(f, where);
            Matcher mk = DBMATE_MARKER.matcher(text);
            List<int[]> marks = new ArrayList<>();   // {kind 0 up / 1 down, body start, marker start}
            boolean tx = true;
            while (mk.find()) {
                if (mk.group(2).replace(" ", "").contains("transaction:false")) {
                    tx = false;
                }
                marks.add(new int[] {mk.group(1).equals("up") ? 0 : 1, mk.end(), mk.start()});
            }
            int upStart = -1;
            int upEnd = -1;
            int downStart = -1;
            int downEnd = -1;
            for (int i = 0; i < marks.size(); i++) {
                int end = i + 1 < marks.size() ? marks.get(i + 1)[2] : text.length();
                if (marks.get(i)[0] == 0 && upStart < 0) {
                    upStart = marks.get(i)[1];
                    upEnd = end;
                } else if (marks.get(i)[0] == 1 && downStart < 0) {
                    downStart = marks.get(i)[1];
                    downEnd = end;
                }
            }
            if (upStart < 0) {
                throw new StrataException(ErrorCode.SCRIPT_SECTION_INVALID, where + " has no '-- migrate:up' line;"
                        + " dbmate needs it too: add it above the SQL; nothing was written");
            }
            int firstLine = (int) text.substring(0, upStart).chars().filter(c -> c == '\n').count();
            SourceSql.Section u = SourceSql.clean("\n".repeat(firstLine) + text.substring(upStart, upEnd), where, notes);
            if (!tx) {
                notes.add(where + ": 'transaction:false' in a migrate marker: the revision is transactional false");
            }
            String down = null;
            if (downStart >= 0) {
                int downLine = (int) text.substring(0, downStart).chars().filter(c -> c == '\n').count();
                SourceSql.Section d = SourceSql.clean("\n".repeat(downLine)
                        + text.substring(downStart, downEnd), where, notes);
                if (d.statements() > 0) {
                    down = d.sql();
                    tx &= d.transactional();
                }
            }
            if (down == null) {
                notes.add(where + ": " + (downStart < 0 ? "no '-- migrate:down' section" : "an empty '-- migrate:down' section")
                        + "; the revision is irreversible (\"" + ImportedRevision.NO_DOWNGRADE + "\")");
            }
            tx &= u.transactional();
            String id = SourceFiles.id(name.group(1) + (name.group(2).isEmpty() ? "" : "_" + name.group(2)), where, notes);
            out.add(new ImportedRevision(id, name.group(1), SourceFiles.parentOf(out), List.of(), List.of(),
                    SourceFiles.message(name.group(2).isEmpty() ? name.group(1) : name.group(2)), u.sql(), down,
                    down == null ? ImportedRevision.NO_DOWNGRADE : null, tx, List.of(where)));
        }
        return new SourceFolder(ImportFormat.DBMATE, out, notes);
    }
}
