package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.graph.RevisionId;
import dev.strata.run.DatabaseState;
import dev.strata.run.MigrationSet;
import dev.strata.cli.schema.ChainReplay;
import dev.strata.cli.schema.ModelReader;
import dev.strata.cli.schema.Models;
import dev.strata.cli.schema.SchemaDiff;
import dev.strata.cli.schema.ScratchDb;
import dev.strata.model.SchemaModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code strata check}: exit 3 when the database is not at the head(s), or when schemas have drifted. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check that the database is at the head revision(s).",
                "When a desired-state folder is configured (schema_dir, or --schema-dir), also check that the chain"
                        + " head produces exactly that schema (both built on scratch databases).",
                "With --drift, also check that the database matches what its applied revisions produce (no change by hand).",
                "Exit status 0 when all is in order, 3 when revisions are pending or anything differs (listed), 1 on failure."})
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--schema-dir", paramLabel = "DIR",
            description = "The desired-state folder to compare with the chain head (default: schema_dir of strata.toml).")
    Path schemaDir;

    @Option(names = "--drift", description = "Also compare the database with the chain at the revisions it has applied.")
    boolean drift;

    @Option(names = "--dev-url", paramLabel = "URL",
            description = "A server for scratch databases (default: dev_url of strata.toml, else a throw-away embedded PostgreSQL).")
    String devUrl;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            MigrationSet set = s.migrations();
            DatabaseState state = s.target().readState();
            RevisionGraph g = set.graph();
            Set<RevisionId> applied = g.applied(CurrentCommand.knownHeads(set, state));
            List<Map<String, Object>> pending = new ArrayList<>();
            for (Revision r : g.all()) {
                if (!applied.contains(r.id())) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("revision", r.id().value());
                    m.put("message", r.message());
                    m.put("file", set.script(r.id()).location());
                    pending.add(m);
                }
            }
            List<String> unknown = new ArrayList<>();
            for (RevisionId id : new TreeSet<>(state.heads())) {
                if (!set.contains(id)) {
                    unknown.add(id.value());
                }
            }
            boolean upToDate = pending.isEmpty() && unknown.isEmpty() && state.partial().isEmpty();
            Optional<Path> folder = schemaDir != null ? Optional.of(s.workingDir().resolve(schemaDir).normalize())
                    : s.settings().schemaDir();
            List<String> schemaDrift = new ArrayList<>();
            List<String> databaseDrift = new ArrayList<>();
            if (folder.isPresent() || drift) {
                try (Models models = new Models(s, devUrl)) {
                    if (folder.isPresent()) {
                        var both = models.both(() -> models.chain(g.heads().isEmpty() ? "base" : "heads"),
                                () -> models.folder(folder.get()));
                        schemaDrift.addAll(lines(SchemaDiff.diff(both.first(), both.second(), Map.of(), true)));
                    }
                    if (drift) {
                        databaseDrift.addAll(databaseDrift(s, models, set, state));
                    }
                }
            }
            boolean ok = upToDate && schemaDrift.isEmpty() && databaseDrift.isEmpty();
            if (s.console().json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("up_to_date", ok);
                doc.put("current", new TreeSet<>(state.heads()).stream().map(RevisionId::value).toList());
                doc.put("heads", g.heads().stream().map(RevisionId::value).toList());
                doc.put("pending", pending);
                doc.put("unknown_applied", unknown);
                doc.put("needs_repair", state.partial().stream().map(p -> p.revision().value()).toList());
                doc.put("schema_drift", schemaDrift);
                doc.put("database_drift", databaseDrift);
                s.console().json(doc);
            } else if (upToDate) {
                s.console().line("The database is up to date (at " + String.join(", ",
                        new TreeSet<>(state.heads()).stream().map(RevisionId::value).toList()) + ").");
            } else {
                for (Map<String, Object> m : pending) {
                    s.console().line("pending " + m.get("revision") + ", " + m.get("message") + " (" + m.get("file") + ")");
                }
                for (String id : unknown) {
                    s.console().line("unknown " + id + ": applied to the database but not in the migrations folder");
                }
                state.partial().forEach(p -> s.console().line("needs repair " + p.revision()
                        + ": applied only in part (" + p.statementsRun() + " of " + p.statementsTotal() + " statements)"));
                s.console().info(pending.size() + " revision(s) pending; " + CurrentCommand.upgradeHint(g) + ".");
            }
            if (!s.console().json()) {
                String name = folder.map(f -> s.workingDir().relativize(f.toAbsolutePath()).toString()).orElse("");
                schemaDrift.forEach(d -> s.console().line("schema drift (chain head -> " + name + "): " + d));
                if (folder.isPresent() && schemaDrift.isEmpty()) {
                    s.console().line("The chain head matches " + name + ".");
                } else if (folder.isPresent()) {
                    s.console().info("the revisions do not produce " + name + "; run `strata revision --autogenerate -m MSG`");
                }
                databaseDrift.forEach(d -> s.console().line("database drift (applied revisions -> database): " + d));
                if (drift && databaseDrift.isEmpty()) {
                    s.console().line("The database matches its applied revisions.");
                } else if (drift) {
                    s.console().info("the database was changed outside the revisions; see `strata diff heads " + s.settings().displayUrl() + "`");
                }
            }
            return ok ? ExitCode.OK : ExitCode.PENDING;
        }
    }

    private static List<String> lines(SchemaDiff.Outcome o) {
        List<String> out = new ArrayList<>();
        o.ops().forEach(op -> out.add(op.describe()));
        out.addAll(o.unsupported());
        return out;
    }

    /** The chain replayed to the database's own applied heads, compared with the database. */
    private static List<String> databaseDrift(Session s, Models models, MigrationSet set, DatabaseState state) {
        List<RevisionId> known = state.heads().stream().filter(set::contains).sorted().toList();
        if (known.size() != state.heads().size()) {
            s.console().warn("the database has applied revisions missing from the migrations folder; comparing with"
                    + " the known ones only");
        }
        ScratchDb db = models.scratch().create();
        for (RevisionId id : known) {
            ChainReplay.replay(set, id.value(), db, s.settings().tables());
        }
        SchemaModel expected = ModelReader.read(db, s.settings().tables());
        SchemaModel actual;
        try (Connection c = s.openConnection()) {
            actual = ModelReader.read(c, s.settings().tables());
        } catch (SQLException e) {
            throw new IllegalStateException("closing a connection: " + e.getMessage(), e);
        }
        return lines(SchemaDiff.diff(expected, actual, Map.of(), true));
    }
}
