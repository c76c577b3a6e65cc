package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.Session;
import dev.strata.cli.schema.ChainReplay;
import dev.strata.cli.schema.GeneratedRevision;
import dev.strata.cli.schema.ModelReader;
import dev.strata.cli.schema.Models;
import dev.strata.cli.schema.Renames;
import dev.strata.cli.schema.SchemaDiff;
import dev.strata.cli.schema.ScratchDb;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.model.SchemaModel;
import dev.strata.op.Op;
import dev.strata.op.Renderer;
import dev.strata.plan.Statement;
import dev.strata.run.MigrationSet;
import dev.strata.script.ScriptParser;
import dev.strata.script.SqlMigration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code strata revision --autogenerate}: the desired-state folder and the chain head, each on a scratch
 * database, diffed both ways into a new SQL revision, which is then checked on a third scratch database
 * (chain plus the new revision, diffed against the folder again). What is left after that is reported as
 * "not expressed" (stderr and {@code --json}); the revision is still written and the exit status is 0,
 * because the file is a draft for review, and {@code strata check} fails on the remaining drift.
 */
final class Autogenerate {
    private Autogenerate() {
    }

    static int run(Session s, RevisionId id, List<RevisionId> parents, List<String> branchLabels,
                   List<RevisionId> dependsOn, String message, Path schemaDir,
                   String devUrl, Map<String, String> renames, boolean noRename) {
        Console console = s.console();
        MigrationSet set = s.migrations();
        try (Models models = new Models(s, devUrl)) {
            String folder = models.shown(schemaDir) + "/";
            var both = models.both(() -> models.folder(schemaDir), () -> chain(models, set, parents, s));
            SchemaModel desired = both.first();
            SchemaModel head = both.second();

            SchemaDiff.Outcome up = SchemaDiff.diff(head, desired, renames, noRename);
            Map<String, String> confirmed = new LinkedHashMap<>(renames);
            if (!up.candidates().isEmpty()) {
                java.io.Console terminal = System.console();
                if (terminal == null || console.json()) {
                    up.candidates().forEach(c -> console.info("possible rename: " + c.kind() + " " + c.from() + " -> " + c.to()
                            + " (" + c.reason() + ")"));
                    throw Renames.unconfirmed(up.candidates());
                }
                confirmed.putAll(Renames.ask(terminal, up.candidates()));
                up = SchemaDiff.diff(head, desired, confirmed, true);
            }
            if (up.empty()) {
                console.info("No differences between the chain head and " + folder + "; no revision written.");
                if (console.json()) {
                    console.json(Map.of("revision", "", "ops", List.of(), "not_expressed", List.of()));
                }
                return 0;
            }
            SchemaDiff.Outcome down = SchemaDiff.diff(desired, head, Renames.inverted(confirmed), true);
            List<Statement> upSql = Renderer.render(up.ops());
            List<Statement> downSql = Renderer.render(down.ops());
            List<String> notes = new ArrayList<>();
            confirmed.forEach((o, n) -> notes.add("Rename confirmed: " + o + " -> " + n + "."));
            up.notes().forEach(n -> notes.add("Note: " + n));
            up.unsupported().forEach(u -> notes.add("NOT EXPRESSED (write it by hand): " + u));
            String text = GeneratedRevision.render(id, parents, branchLabels, dependsOn, message, folder, upSql, downSql,
                    notes, up.destructive());

            List<String> leftovers = verify(s, models, set, id, text, desired);
            Path file = RevisionFiles.write(s, id, message, text, extra(up.ops(), leftovers));
            for (String l : leftovers) {
                console.warn("not expressed by " + file.getFileName() + ": " + l);
            }
            if (!leftovers.isEmpty()) {
                console.warn(leftovers.size() + " difference(s) remain after applying the new revision on a scratch"
                        + " database; edit the revision by hand (strata check will report them until then)");
            }
            return 0;
        }
    }

    private static SchemaModel chain(Models models, MigrationSet set, List<RevisionId> parents, Session s) {
        ScratchDb db = models.scratch().create();
        for (RevisionId p : parents) {
            ChainReplay.replay(set, p.value(), db, s.settings().tables());
        }
        return ModelReader.read(db, s.settings().tables());
    }

    /** Applies chain + new revision on a third scratch database and lists what still differs from the folder. */
    private static List<String> verify(Session s, Models models, MigrationSet set, RevisionId id, String text,
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

    private static Map<String, Object> extra(List<Op> ops, List<String> leftovers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ops", ops.stream().map(Op::describe).toList());
        m.put("not_expressed", leftovers);
        return m;
    }
}
