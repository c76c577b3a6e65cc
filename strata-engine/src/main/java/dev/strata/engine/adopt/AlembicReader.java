package dev.strata.engine.adopt;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlStatement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Alembic project: the graph is read from the text of {@code versions/*.py} ({@link AlembicScripts}), and
 * the SQL of every revision is rendered by the project's own Alembic in offline mode, in two runs in the
 * folder of {@code alembic.ini}: {@code python3 -m alembic upgrade base:heads --sql} and
 * {@code downgrade heads:base --sql}. The output is cut at Alembic's {@code -- Running upgrade A -> B}
 * comments; Alembic's own statements on its version table and its {@code BEGIN}/{@code COMMIT} are removed.
 */
final class AlembicReader {
    private static final Pattern MARKER = Pattern.compile("(?m)^-- Running (upgrade|downgrade) (.*?) -> (.*?)\\s*$");
    private static final Pattern SCRIPT_LOCATION = Pattern.compile("(?m)^\\s*script_location\\s*[=:]\\s*(.+?)\\s*$");
    private static final Pattern VERSION_LOCATIONS = Pattern.compile("(?m)^\\s*version_locations\\s*[=:]");
    private static final Pattern TX = Pattern.compile("(?is)(BEGIN|COMMIT)");
    private static final long TIMEOUT_SECONDS = 180;

    private AlembicReader() {
    }

    /** Whether {@code dir} looks like an Alembic project, its script folder, or its versions folder. */
    static boolean looksLike(SourceFiles src) {
        Path d = src.dir();
        if (Files.isRegularFile(d.resolve("alembic.ini")) || Files.isRegularFile(d.resolve("env.py"))) {
            return true;
        }
        for (Path f : src.files(d)) {
            if (f.getFileName().toString().endsWith(".py") && AlembicScripts.parse(text(f), src.shown(f)).revision() != null) {
                return true;
            }
        }
        return false;
    }

    static SourceFolder read(SourceFiles src, String python) {
        List<String> notes = new ArrayList<>();
        Path ini = findIni(src);
        Path project = ini.getParent();
        String iniText = text(ini);
        Matcher loc = SCRIPT_LOCATION.matcher(iniText);
        if (!loc.find()) {
            throw new StrataException(ErrorCode.CONFIG_INVALID, src.shown(ini) + " has no script_location; Alembic"
                    + " needs it too: add it under [alembic]; nothing was written");
        }
        Path scripts = project.resolve(loc.group(1).replace("%(here)s", project.toString())).normalize();
        if (VERSION_LOCATIONS.matcher(iniText).find()) {
            notes.add(src.shown(ini) + ": version_locations is set; only " + src.shown(scripts.resolve("versions"))
                    + " is read");
        }
        Path versions = scripts.resolve("versions");
        if (!Files.isDirectory(versions)) {
            throw new StrataException(ErrorCode.SCRIPT_DIRECTORY_UNREADABLE, "the Alembic versions folder "
                    + src.shown(versions) + " (script_location of " + src.shown(ini) + ") does not exist; nothing was written");
        }
        Map<String, AlembicScripts.Script> byRevision = new LinkedHashMap<>();
        Map<String, String> fileOf = new LinkedHashMap<>();
        for (Path f : src.files(versions)) {
            String where = src.shown(f);
            if (!f.getFileName().toString().endsWith(".py")) {
                notes.add("skipped " + where + ": not a .py file");
                continue;
            }
            AlembicScripts.Script s = AlembicScripts.parse(text(f), where);
            if (s.revision() == null) {
                notes.add("skipped " + where + ": assigns no 'revision' (not a revision file)");
                continue;
            }
            if (fileOf.containsKey(s.revision())) {
                throw new StrataException(ErrorCode.DUPLICATE_REVISION, "Alembic revision " + s.revision()
                        + " is defined twice: " + fileOf.get(s.revision()) + " and " + where + "; nothing was written");
            }
            byRevision.put(s.revision(), s);
            fileOf.put(s.revision(), where);
        }
        for (Path sub : src.folders(versions)) {
            notes.add("skipped the folder " + src.shown(sub) + "/: Alembic reads versions/ without sub-folders unless"
                    + " recursive_version_locations is set");
        }
        if (byRevision.isEmpty()) {
            throw new StrataException(ErrorCode.USAGE, src.shown(versions) + " holds no Alembic revision files;"
                    + " nothing to import");
        }
        // both directions at once (each is a Python start-up and an import of SQLAlchemy)
        java.util.concurrent.CompletableFuture<String> downRun = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> alembic(python, project, ini, "downgrade", "heads:base", src));
        String upText;
        try {
            upText = alembic(python, project, ini, "upgrade", "base:heads", src);
        } catch (RuntimeException e) {
            downRun.handle((x, t) -> null).join();
            throw e;
        }
        Map<String, String> ups = cut(upText, "upgrade", notes);
        Map<String, String> downs;
        Map<String, String> noDowngrade = new LinkedHashMap<>();
        try {
            downs = cut(downRun.join(), "downgrade", notes);
        } catch (java.util.concurrent.CompletionException e) {
            if (!(e.getCause() instanceof StrataException se)) {
                throw e;
            }
            // one revision's downgrade (often `raise NotImplementedError`) stops the whole run: render each alone
            notes.add("alembic downgrade heads:base --sql failed (" + se.getMessage() + "); rendered each downgrade"
                    + " on its own");
            downs = new LinkedHashMap<>();
            Map<String, java.util.concurrent.Future<Run>> runs = new LinkedHashMap<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                for (Map.Entry<String, AlembicScripts.Script> e2 : byRevision.entrySet()) {
                    List<String> lower = e2.getValue().downRevisions();
                    String range = e2.getKey() + ":" + (lower.isEmpty() ? "base" : lower.get(0));
                    runs.put(e2.getKey(), pool.submit(() -> runAlembic(python, project, ini, "downgrade", range)));
                }
            } finally {
                pool.shutdown();
            }
            for (Map.Entry<String, AlembicScripts.Script> e2 : byRevision.entrySet()) {
                String rev = e2.getKey();
                List<String> lower = e2.getValue().downRevisions();
                String range = rev + ":" + (lower.isEmpty() ? "base" : lower.get(0));
                Run r = await(runs.get(rev));
                if (r.code() == 0) {
                    String chunk = cut(r.out().replace("\r\n", "\n"), "downgrade", new ArrayList<>()).get(rev);
                    if (chunk != null) {
                        downs.put(rev, chunk);
                        continue;
                    }
                }
                String why = r.code() == 0 ? "no output for it" : lastLine(r.err());
                noDowngrade.put(rev, ImportedRevision.NO_DOWNGRADE + ": Alembic could not render it offline (" + why + ")");
                notes.add(fileOf.get(rev) + ": `alembic downgrade " + range + " --sql` failed (" + why + "); the"
                        + " revision is irreversible");
            }
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (String rev : byRevision.keySet()) {
            ids.put(rev, SourceFiles.id(rev, fileOf.get(rev), notes));
        }
        List<ImportedRevision> out = new ArrayList<>();
        // Alembic's upgrade order: parents first
        List<String> order = new ArrayList<>(ups.keySet());
        for (String rev : byRevision.keySet()) {
            if (!ups.containsKey(rev)) {
                throw new StrataException(ErrorCode.STATEMENT_FAILED, "Alembic did not render revision " + rev + " ("
                        + fileOf.get(rev) + ") in `upgrade base:heads --sql`; check that `alembic heads` lists"
                        + " it; nothing was written");
            }
        }
        for (String rev : order) {
            AlembicScripts.Script s = byRevision.get(rev);
            if (s == null) {
                throw new StrataException(ErrorCode.STATEMENT_FAILED, "Alembic rendered revision " + rev + ", which no"
                        + " file of " + src.shown(versions) + " defines as Strata read them; check its 'revision ='"
                        + " line; nothing was written");
            }
            String where = fileOf.get(rev);
            List<String> parents = resolve(s.downRevisions(), byRevision, ids, where, "down_revision", notes);
            List<String> deps = resolve(s.dependsOn(), byRevision, ids, where, "depends_on", notes);
            boolean merge = parents.size() > 1;
            SourceSql.Section up = SourceSql.clean(ups.get(rev), where + " (rendered)", notes);
            String upSql = up.sql();
            if (up.statements() == 0 && !merge) {
                notes.add(where + ": revision " + rev + " renders no SQL offline (it passes, or its Python needs a"
                        + " connection); it became a no-op 'SELECT 1': check it");
                upSql = "-- The Alembic revision rendered no SQL in offline mode.\nSELECT 1;\n";
            }
            String down = null;
            boolean tx = up.transactional();
            String irreversible = noDowngrade.get(rev);
            if (irreversible == null) {
                String d = downs.get(rev);
                if (d == null) {
                    throw new StrataException(ErrorCode.STATEMENT_FAILED, "Alembic did not render the downgrade of "
                            + rev + " in `downgrade heads:base --sql`; nothing was written");
                }
                SourceSql.Section ds = SourceSql.clean(d, where + " (rendered downgrade)", notes);
                down = ds.sql();
                tx &= ds.transactional();
            }
            String message = s.message().isEmpty() ? "Alembic revision " + rev : s.message();
            out.add(new ImportedRevision(ids.get(rev), rev, parents, deps, s.branchLabels(), message, upSql, down,
                    down == null ? irreversible.replaceAll("\\s+", " ") : null, tx, List.of(where)));
        }
        notes.add("rendered " + out.size() + " revision(s) with Alembic (" + src.shown(ini) + ") in offline mode");
        return new SourceFolder(ImportFormat.ALEMBIC, out, notes);
    }

    private static List<String> resolve(List<String> refs, Map<String, AlembicScripts.Script> byRevision,
                                        Map<String, String> ids, String where, String field, List<String> notes) {
        List<String> out = new ArrayList<>();
        for (String ref : refs) {
            if (byRevision.containsKey(ref)) {
                out.add(ids.get(ref));
                continue;
            }
            List<String> prefixed = byRevision.keySet().stream().filter(r -> r.startsWith(ref)).toList();
            if (prefixed.size() == 1) {
                notes.add(where + ": " + field + " '" + ref + "' is a prefix of " + prefixed.get(0));
                out.add(ids.get(prefixed.get(0)));
                continue;
            }
            List<String> labelled = byRevision.entrySet().stream()
                    .filter(e -> e.getValue().branchLabels().contains(ref)).map(Map.Entry::getKey).toList();
            if (field.equals("depends_on") && labelled.size() == 1) {
                notes.add(where + ": depends_on '" + ref + "' is a branch label; it became a dependency on "
                        + labelled.get(0) + ", the revision carrying the label");
                out.add(ids.get(labelled.get(0)));
                continue;
            }
            throw new StrataException(ErrorCode.UNKNOWN_PARENT, where + ": " + field + " '" + ref + "' names no"
                    + " revision of the versions folder; fix the file; nothing was written");
        }
        return out;
    }

    /** Alembic's offline output cut into one SQL text per revision, Alembic's own bookkeeping removed. */
    static Map<String, String> cut(String output, String direction, List<String> notes) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = MARKER.matcher(output);
        List<int[]> spans = new ArrayList<>();
        List<String> revs = new ArrayList<>();
        while (m.find()) {
            if (!m.group(1).equals(direction)) {
                continue;
            }
            revs.add((direction.equals("upgrade") ? m.group(3) : m.group(2)).strip());
            spans.add(new int[] {m.start(), m.end()});
        }
        for (int i = 0; i < revs.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : output.length();
            out.put(revs.get(i), withoutBookkeeping(output.substring(spans.get(i)[1], end)));
        }
        String before = withoutBookkeeping(spans.isEmpty() ? output : output.substring(0, spans.get(0)[0]));
        if (!before.isBlank()) {
            notes.add("skipped SQL Alembic printed before the first revision of the " + direction + ": "
                    + before.replaceAll("\\s+", " ").strip());
        }
        return out;
    }

    private static String withoutBookkeeping(String sql) {
        StringBuilder b = new StringBuilder();
        for (SqlStatement s : SqlSplitter.split(sql, 1, "alembic output")) {
            String t = s.sql().strip();
            if (TX.matcher(t).matches() || t.matches("(?is)(CREATE\\s+TABLE|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|DROP\\s+TABLE)"
                    + "\\s+(\"?\\w+\"?\\.)?\"?alembic_version\"?\\b.*")) {
                continue;
            }
            b.append(t).append(";\n\n");
        }
        return b.toString();
    }

    private static Path findIni(SourceFiles src) {
        Path d = src.dir();
        for (Path p = d; p != null && d.getNameCount() - p.getNameCount() <= 2; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("alembic.ini"))) {
                return p.resolve("alembic.ini");
            }
        }
        throw new StrataException(ErrorCode.USAGE, "no alembic.ini in " + src.shown(d) + " or the two folders above it:"
                + " Strata renders Alembic revisions with the project's Alembic; pass the folder that holds"
                + " alembic.ini");
    }

    /** The one-line error for a Python that cannot run, or that lacks Alembic or SQLAlchemy. */
    private static StrataException missing(String python, IOException e) {
        return new StrataException(ErrorCode.USAGE, "cannot run '" + python + "' (" + e.getMessage().replaceAll(
                "\\s+", " ") + "): importing Alembic revisions needs Python 3 with Alembic installed; install"
                + " python3, or pass --python PATH (e.g. the project's .venv/bin/python)");
    }

    private static String alembic(String python, Path project, Path ini, String command, String range, SourceFiles src) {
        Run r = runAlembic(python, project, ini, command, range);
        if (r.code() != 0) {
            throw new StrataException(ErrorCode.STATEMENT_FAILED, "`alembic " + command + " " + range + " --sql` failed"
                    + " in " + src.shown(project) + ": " + lastLine(r.err()) + "; make its offline mode work (env.py"
                    + " run_migrations_offline with a PostgreSQL URL) and import again; nothing was written");
        }
        return r.out().replace("\r\n", "\n");
    }

    /** Runs Alembic offline; a Python that cannot run or lacks Alembic is an error, any other failure is returned. */
    private static Run runAlembic(String python, Path project, Path ini, String command, String range) {
        List<String> cmd = List.of(python, "-m", "alembic", "-c", ini.toString(), command, range, "--sql");
        Run r;
        try {
            r = run(cmd, project);
        } catch (IOException e) {
            throw missing(python, e);
        }
        if (r.code() != 0 && r.err().matches("(?s).*No module named '?(alembic|sqlalchemy)\\b.*")) {
            throw new StrataException(ErrorCode.USAGE, "'" + python + "' cannot import alembic (" + lastLine(r.err())
                    + "): install it (pip install alembic, or apt install python3-alembic), or pass --python PATH"
                    + " with the interpreter of the project's virtualenv");
        }
        return r;
    }

    private static Run await(java.util.concurrent.Future<Run> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.STATEMENT_FAILED, "interrupted while running alembic");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(List<String> cmd, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Path err = Files.createTempFile("strata-alembic", ".err");
        try {
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new StrataException(ErrorCode.STATEMENT_FAILED, String.join(" ", cmd) + " did not finish"
                            + " within " + TIMEOUT_SECONDS + " s; nothing was written");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new StrataException(ErrorCode.STATEMENT_FAILED, "interrupted while running alembic");
            }
            return new Run(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String l = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        return l.isEmpty() ? "no message" : l;
    }

    private static String text(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read " + f + ": " + e.getMessage());
        }
    }
}
