package dev.strata.engine.adopt;

import dev.strata.engine.RevisionFiles;
import dev.strata.engine.Workspace;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.run.MigrationSet;
import dev.strata.run.Runner;
import dev.strata.script.MigrationScript;
import dev.strata.script.RevisionTemplate;
import dev.strata.script.ScriptParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code strata import}: a folder of another tool's migrations becomes Strata SQL revisions in the (empty)
 * migrations folder, in order, with parents, downgrades where the source has them (else
 * {@code irreversible "imported without a downgrade"}), ids derived from the source versions; every file is
 * either imported or reported as skipped, and every guess is reported. All revisions are rendered, parsed
 * back and checked as one graph before the first file is written. Optionally the database is then stamped at
 * an imported revision: a given one, or ({@code auto}) the one its {@code alembic_version} or
 * {@code flyway_schema_history} names.
 */
public final class Importer {
    /** The {@code --stamp-at} value that reads the source tool's version table. */
    public static final String AUTO = "auto";

    private Importer() {
    }

    /**
     * What to import.
     *
     * @param source  the source folder
     * @param format  its format, or {@link ImportFormat#AUTO}
     * @param python  the Python interpreter for Alembic projects (e.g. {@code python3})
     * @param stampAt null (no stamp), {@link #AUTO}, or an imported revision (Strata id or source version)
     */
    public record Request(Path source, ImportFormat format, String python, String stampAt) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(python, "python");
        }
    }

    /** One revision written. */
    public record Written(String revision, Path file, List<String> sources, String irreversible) {
        public Written {
            sources = List.copyOf(sources);
        }
    }

    /**
     * The outcome.
     *
     * @param format    the format read
     * @param revisions the revisions written, in order
     * @param notes     every guess, pairing and skipped file
     * @param stampedAt the revisions the database was stamped at (empty when not stamped)
     * @param stampFrom where the stamp came from ({@code --stamp-at}, or the tool's version table)
     */
    public record Result(ImportFormat format, List<Written> revisions, List<String> notes, List<String> stampedAt,
                         String stampFrom) {
        public Result {
            revisions = List.copyOf(revisions);
            notes = List.copyOf(notes);
            stampedAt = List.copyOf(stampedAt);
        }
    }

    public static Result run(Workspace w, Request r) {
        Path source = r.source().toAbsolutePath().normalize();
        Function<Path, String> shown = p -> shown(w.workingDir(), p);
        if (!Files.isDirectory(source)) {
            throw new StrataException(ErrorCode.USAGE, "the source folder " + shown.apply(source) + " does not exist;"
                    + " pass the folder that holds the migrations to import");
        }
        Path migrations = w.settings().migrationsDir().toAbsolutePath().normalize();
        if (migrations.equals(source)) {
            throw new StrataException(ErrorCode.USAGE, "the source folder is the migrations folder itself; import into"
                    + " another folder (--dir NEW) and swap them after reviewing");
        }
        if (Files.isDirectory(migrations)) {
            MigrationSet existing = w.migrations();
            if (existing.size() > 0) {
                throw new StrataException(ErrorCode.USAGE, "the migrations folder " + shown.apply(migrations)
                        + " already has " + existing.size() + " revision(s); import into an empty folder (--dir NEW);"
                        + " nothing was written");
            }
        }
        SourceFiles files = new SourceFiles(source, shown);
        List<String> detectNotes = new ArrayList<>();
        ImportFormat format = r.format() == ImportFormat.AUTO ? detect(files, detectNotes) : r.format();
        SourceFolder folder = read(files, format, r.python());
        if (folder.revisions().isEmpty()) {
            String hint = files.folders(source).stream().map(p -> p.getFileName().toString())
                    .filter(n -> n.equals("versions") || n.equals("migrations") || n.equals("sql")).findFirst()
                    .map(n -> "; did you mean " + shown.apply(source.resolve(n)) + "?").orElse("; check the folder, or"
                            + " pass --format");
            throw new StrataException(ErrorCode.USAGE, "found no " + format.word() + " migrations in "
                    + shown.apply(source) + (folder.notes().isEmpty() ? "" : " (" + folder.notes().size()
                    + " file(s) skipped, e.g. " + folder.notes().get(0) + ")") + hint);
        }
        List<String> notes = new ArrayList<>(detectNotes);
        notes.addAll(folder.notes());

        List<Path> targets = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ImportedRevision rev : folder.revisions()) {
            Path file = migrations.resolve(RevisionTemplate.fileName(RevisionId.of(rev.id()), rev.message()));
            if (Files.exists(file)) {
                throw new StrataException(ErrorCode.FILE_EXISTS, shown.apply(file) + " already exists; move it away and"
                        + " import again; nothing was written");
            }
            targets.add(file);
            texts.add(render(rev));
            locations.add("(imported " + rev.id() + " from " + rev.sources().get(0) + ")");
            names.add(shown.apply(file));
        }
        texts = ImportLint.suppress(locations, texts, names, w.settings().lockTimeout(), notes);
        List<MigrationScript> scripts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            scripts.add(ScriptParser.parse(locations.get(i), texts.get(i)));
        }
        MigrationSet set = MigrationSet.of(scripts);   // checks the graph: ids, parents, cycles, labels
        SourceStamp.Found stampAt = r.stampAt() == null ? null : stampTargets(w, folder, r.stampAt());

        List<Written> written = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ImportedRevision rev = folder.revisions().get(i);
            written.add(new Written(rev.id(), RevisionFiles.write(targets.get(i), texts.get(i)), rev.sources(),
                    rev.irreversible()));
        }
        Set<String> stamped = new TreeSet<>();
        if (stampAt != null) {
            Runner runner = new Runner(set, w.target(), w.runOptions(null, false), w.listener());
            for (String id : stampAt.revisions()) {
                runner.stamp(id, false).forEach(x -> stamped.add(x.value()));
            }
        }
        return new Result(folder.format(), written, notes, List.copyOf(stamped),
                stampAt == null ? null : stampAt.from());
    }

    /** The imported revisions to stamp: read from the tool's version table ({@code auto}), or the one named. */
    private static SourceStamp.Found stampTargets(Workspace w, SourceFolder folder, String stampAt) {
        if (stampAt.equals(AUTO)) {
            try (Connection c = w.openConnection()) {
                return SourceStamp.detect(c, folder);
            } catch (SQLException e) {
                throw new StrataException(ErrorCode.STATEMENT_FAILED, "reading the database's version table for"
                        + " --stamp-at auto failed: " + e.getMessage().strip().split("\n")[0] + "; nothing was written", e);
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : stampAt.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            ImportedRevision hit = folder.revisions().stream().filter(x -> x.id().equals(part)).findFirst()
                    .or(() -> folder.revisions().stream().filter(x -> x.sourceVersion().equals(part)).findFirst())
                    .orElseThrow(() -> new StrataException(ErrorCode.UNKNOWN_REVISION, "--stamp-at " + part
                            + " is none of the imported revisions (give an imported id such as "
                            + folder.revisions().get(folder.revisions().size() - 1).id() + ", a source version, or"
                            + " auto); nothing was written"));
            out.add(hit.id());
        }
        return new SourceStamp.Found(out, "--stamp-at " + stampAt);
    }

    static ImportFormat detect(SourceFiles files, List<String> notes) {
        List<Path> all = files.allFiles(files.dir());
        if (AlembicReader.looksLike(files)) {
            notes.add("detected an Alembic project (alembic.ini, env.py or revision .py files); pass --format to choose");
            return ImportFormat.ALEMBIC;
        }
        if (all.stream().anyMatch(p -> FlywayReader.VERSIONED.matcher(p.getFileName().toString()).matches()
                && p.getFileName().toString().startsWith("V"))) {
            notes.add("detected a Flyway folder (V<version>__<desc>.sql files); pass --format to choose");
            return ImportFormat.FLYWAY;
        }
        List<Path> top = files.files(files.dir());
        if (top.stream().anyMatch(p -> UpDownReader.GOLANG.matcher(p.getFileName().toString()).matches())) {
            notes.add("detected golang-migrate (<version>_<title>.up.sql files); pass --format to choose");
            return ImportFormat.GOLANG_MIGRATE;
        }
        for (Path p : top) {
            if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")
                    && UpDownReader.DBMATE_MARKER.matcher(SourceSql.read(p, files.shown(p))).find()) {
                notes.add("detected dbmate (files with -- migrate:up); pass --format to choose");
                return ImportFormat.DBMATE;
            }
        }
        if (top.stream().anyMatch(p -> p.getFileName().toString().matches("\\d+.*\\.(?i:sql)"))) {
            notes.add("detected loose SQL files with numeric prefixes; pass --format to choose");
            return ImportFormat.SQL;
        }
        throw new StrataException(ErrorCode.USAGE, "cannot tell what kind of migrations " + files.shown(files.dir())
                + " holds (no alembic.ini, V1__x.sql, 1_x.up.sql, -- migrate:up or 001_x.sql files); pass --format");
    }

    static SourceFolder read(SourceFiles files, ImportFormat format, String python) {
        switch (format) {
            case SQL:
                return LooseSqlReader.read(files);
            case FLYWAY:
                return FlywayReader.read(files);
            case GOLANG_MIGRATE:
                return UpDownReader.golang(files);
            case DBMATE:
                return UpDownReader.dbmate(files);
            case ALEMBIC:
                return AlembicReader.read(files, python);
            default:
                throw new IllegalStateException("no reader for " + format);
        }
    }

    /** The text of an imported revision's file. */
    static String render(ImportedRevision r) {
        List<RevisionId> parents = r.parents().stream().map(RevisionId::of).toList();
        List<RevisionId> deps = r.dependsOn().stream().map(RevisionId::of).toList();
        String template = RevisionTemplate.render(RevisionId.of(r.id()), parents, r.message(), r.branchLabels(), deps,
                r.transactional());
        StringBuilder b = new StringBuilder(template.substring(0, template.indexOf("\n\n-- strata:upgrade") + 1));
        if (r.irreversible() != null) {
            b.append("-- strata:irreversible ").append(r.irreversible()).append('\n');
        }
        b.append("-- Imported by `strata import` from ").append(String.join(", ", r.sources())).append(".\n");
        b.append("\n-- strata:upgrade\n").append(r.upgrade());
        if (r.downgrade() != null) {
            b.append("\n-- strata:downgrade\n").append(r.downgrade());
        }
        return b.toString();
    }

    private static String shown(Path workingDir, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path wd = workingDir.toAbsolutePath().normalize();
        return abs.startsWith(wd) && !abs.equals(wd) ? wd.relativize(abs).toString() : abs.toString();
    }
}
