package dev.strata.engine;

import dev.strata.engine.schema.ChainReplay;
import dev.strata.engine.schema.GeneratedRevision;
import dev.strata.engine.schema.ModelReader;
import dev.strata.engine.schema.Models;
import dev.strata.engine.schema.RenameConfirmation;
import dev.strata.engine.schema.SchemaDiff;
import dev.strata.engine.schema.ScratchDb;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.model.SchemaModel;
import dev.strata.op.Op;
import dev.strata.op.Renderer;
import dev.strata.plan.Statement;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.script.ScriptParser;
import dev.strata.script.SqlMigration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Autogenerate: the desired-state folder and the chain head, each on a scratch database, diffed both ways
 * into a new SQL revision, which is then checked on a third scratch database (chain plus the new revision,
 * diffed against the folder again). What is left after that is returned as "not expressed"; the revision
 * is still written, because the file is a draft for review, and check fails on the remaining drift.
 */
public final class Autogenerate {
    private Autogenerate() {
    }

    /**
     * What to generate.
     *
     * @param id           the new revision's id
     * @param parents      its parents (the chain head(s) it builds on)
     * @param branchLabels labels for its header
     * @param dependsOn    revisions it depends on
     * @param message      its message
     * @param schemaDir    the desired-state folder
     * @param devUrl       a server for scratch databases, or null for the configured one / an embedded one
     * @param renames      confirmed renames, {@code old -> new}
     * @param noRename     take every other possible rename as drop and add without asking
     */
    public record Request(RevisionId id, List<RevisionId> parents, List<String> branchLabels, List<RevisionId> dependsOn,
                          String message, Path schemaDir, String devUrl, Map<String, String> renames, boolean noRename) {
        public Request {
            Objects.requireNonNull(id, "id");
            parents = List.copyOf(parents);
            branchLabels = List.copyOf(branchLabels);
            dependsOn = List.copyOf(dependsOn);
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(schemaDir, "schemaDir");
            renames = Map.copyOf(renames);
        }
    }

    /**
     * The outcome.
     *
     * @param revision     the new revision, empty when the chain head already matches the folder
     * @param file         the file written, empty when none was
     * @param ops          what the revision does, one line per op
     * @param notExpressed differences that remain after applying it on a scratch database
     */
    public record Result(Optional<RevisionId> revision, Optional<Path> file, List<String> ops, List<String> notExpressed) {
        public Result {
            Objects.requireNonNull(revision, "revision");
            Objects.requireNonNull(file, "file");
            ops = List.copyOf(ops);
            notExpressed = List.copyOf(notExpressed);
        }
    }

    /** Generates and writes the revision (SQL, into the migrations folder, with the project's template). */
    public static Result run(Workspace s, Request r, RenameConfirmation confirmation) {
        MigrationSet set = s.migrations();
        try (Models models = new Models(s, r.devUrl())) {
            String folder = models.shown(r.schemaDir()) + "/";
            var both = models.both(() -> models.folder(r.schemaDir()), () -> chain(models, set, r.parents(), s));
            SchemaModel desired = both.first();
            SchemaModel head = both.second();

            SchemaDiff.Outcome up = SchemaDiff.diff(head, desired, r.renames(), r.noRename());
            Map<String, String> confirmed = new LinkedHashMap<>(r.renames());
            if (!up.candidates().isEmpty()) {
                confirmed.putAll(confirmation.confirm(up.candidates()));
                up = SchemaDiff.diff(head, desired, confirmed, true);
            }
            if (up.empty()) {
                s.notice(RunEvent.Notice.Level.INFO, "No differences between the chain head and " + folder
                        + "; no revision written.");
                return new Result(Optional.empty(), Optional.empty(), List.of(), List.of());
            }
            SchemaDiff.Outcome down = SchemaDiff.diff(desired, head, SchemaDiff.inverse(head, confirmed), true);
            List<Statement> upSql = Renderer.render(up.ops());
            List<Statement> downSql = Renderer.render(down.ops());
            List<String> notes = new ArrayList<>();
            confirmed.forEach((o, n) -> notes.add("Rename confirmed: " + o + " -> " + n + "."));
            up.notes().forEach(n -> notes.add("Note: " + n));
            up.unsupported().forEach(u -> notes.add("NOT EXPRESSED (write it by hand): " + u));
            String text = GeneratedRevision.render(r.id(), r.parents(), r.branchLabels(), r.dependsOn(), r.message(),
                    folder, upSql, downSql, notes, up.destructive());

            List<String> leftovers = verify(s, models, set, r.id(), text, desired);
            Path file = RevisionFiles.write(s.settings().migrationsDir(), r.id(), r.message(), text);
            return new Result(Optional.of(r.id()), Optional.of(file), up.ops().stream().map(Op::describe).toList(), leftovers);
        }
    }

    private static SchemaModel chain(Models models, MigrationSet set, List<RevisionId> parents, Workspace s) {
        ScratchDb db = models.scratch().create();
        for (RevisionId p : parents) {
            ChainReplay.replay(set, p.value(), db, s.settings().tables());
        }
        return ModelReader.read(db, s.settings().tables());
    }

    /** Applies chain + new revision on a third scratch database and lists what still differs from the folder. */
    private static List<String> verify(Workspace s, Models models, MigrationSet set, RevisionId id, String text,
                                       SchemaModel desired) {
        SqlMigration script = ScriptParser.parse("(generated " + id + ")", text);
        MigrationSet withNew = ChainReplay.with(set, script);
        ScratchDb db = models.scratch().create();
        try {
            ChainReplay.replay(withNew, id.value(), db, s.settings().tables());
        } catch (StrataException e) {
            throw new StrataException(ErrorCode.STATEMENT_FAILED, "the generated revision failed on a scratch database ("
                    + e.getMessage() + "); nothing was written; please report it, and write this revision by hand", e);
        }
        SchemaModel after = ModelReader.read(db, s.settings().tables());
        SchemaDiff.Outcome rest = SchemaDiff.diff(after, desired, Map.of(), true);
        List<String> out = new ArrayList<>();
        rest.ops().forEach(o -> out.add(o.describe()));
        out.addAll(rest.unsupported());
        return out;
    }
}
