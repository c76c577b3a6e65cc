package dev.strata.engine.adopt;

import dev.strata.engine.RevisionFiles;
import dev.strata.engine.Workspace;
import dev.strata.engine.schema.ChainReplay;
import dev.strata.engine.schema.ModelReader;
import dev.strata.engine.schema.Models;
import dev.strata.engine.schema.SchemaDiff;
import dev.strata.engine.schema.ScratchDb;
import dev.strata.engine.schema.SqlListing;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.model.Index;
import dev.strata.model.ObjectName;
import dev.strata.model.Schema;
import dev.strata.model.SchemaModel;
import dev.strata.model.Table;
import dev.strata.op.Op;
import dev.strata.op.Renderer;
import dev.strata.plan.Statement;
import dev.strata.postgres.JdbcTarget;
import dev.strata.run.DatabaseState;
import dev.strata.run.MigrationSet;
import dev.strata.run.Runner;
import dev.strata.script.RevisionTemplate;
import dev.strata.script.ScriptParser;
import dev.strata.script.SqlMigration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adoption of a database that has no Strata history: its schema is read through the schema model (the
 * same inspector and differ autogenerate uses, so TimescaleDB hypertables, policies, continuous
 * aggregates and pgvector indexes are included), diffed from an empty schema into a first revision whose
 * downgrade is declared irreversible, written into the empty migrations folder, and the database is
 * stamped at it without running it.
 */
public final class Baseline {
    /** The reason the baseline's downgrade is refused. */
    public static final String IRREVERSIBLE = "baseline of an existing database: reverting it would drop the whole"
            + " schema and its data";

    private Baseline() {
    }

    /**
     * What to write.
     *
     * @param id      the revision id, or null for a timestamp id
     * @param message the revision's message
     * @param devUrl  a server for scratch databases on which the new revision is checked (applied to an empty
     *                database and compared with the live schema again), or null to skip that check
     */
    public record Request(String id, String message, String devUrl) {
        public Request {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The outcome.
     *
     * @param revision     the new revision's id
     * @param file         the file written
     * @param ops          what the revision creates, one line per op
     * @param notExpressed differences the schema model found but could not express (written as comments), and
     *                     with a check on a scratch database what still differs after applying the file
     * @param checked      whether the file was applied to a scratch database and compared again
     */
    public record Result(RevisionId revision, Path file, List<String> ops, List<String> notExpressed, boolean checked) {
        public Result {
            ops = List.copyOf(ops);
            notExpressed = List.copyOf(notExpressed);
        }
    }

    /** Writes the baseline revision and stamps the database at it. */
    public static Result run(Workspace w, Request r) {
        MigrationSet set = Files.isDirectory(w.settings().migrationsDir()) ? w.migrations()
                : MigrationSet.of(List.of());
        if (set.size() > 0) {
            throw new StrataException(ErrorCode.USAGE, "the migrations folder " + w.settings().migrationsDir()
                    + " already has " + set.size() + " revision(s): a baseline starts a history; if they describe this"
                    + " database, record them with `strata stamp REV` instead; nothing was written");
        }
        JdbcTarget target = w.target();
        DatabaseState state = target.readState();
        if (state.tablesExist() && (!state.heads().isEmpty() || !target.history().isEmpty())) {
            throw new StrataException(ErrorCode.STATE_INVALID, "the database already has a Strata history ("
                    + w.settings().tables().versionTable() + " / " + w.settings().tables().historyTable()
                    + "): it was adopted before; restore its revision files and run `strata current`; nothing was"
                    + " written");
        }
        List<String> left = new ArrayList<>();
        SchemaModel live = withoutOtherToolsTables(w.readSchema(), left);
        // from what a new database holds: the public schema (its comment as a new database has it)
        SchemaModel empty = SchemaModel.builder().schemas(List.of(new Schema("public",
                "standard public schema"))).build();
        SchemaDiff.Outcome up = SchemaDiff.diff(empty, live, Map.of(), true);
        if (up.ops().isEmpty()) {
            throw new StrataException(ErrorCode.USAGE, "the database has no schema objects to baseline; start with"
                    + " `strata revision -m MSG` instead; nothing was written");
        }
        RevisionId id = r.id() != null ? RevisionId.of(r.id()) : RevisionTemplate.newId(Instant.now());
        List<Statement> statements = Renderer.render(up.ops());
        List<String> notExpressed = new ArrayList<>(up.unsupported());
        String text = render(id, r.message(), statements, up, left);
        SqlMigration script = ScriptParser.parse("(baseline " + id + ")", text);
        boolean checked = false;
        if (r.devUrl() != null) {
            notExpressed.addAll(check(w, r.devUrl(), script, live));
            checked = true;
        }
        Path file = RevisionFiles.write(w.settings().migrationsDir(), id, r.message(), text);
        MigrationSet withBaseline = MigrationSet.of(List.of(script));
        new Runner(withBaseline, target, w.runOptions(null, false), w.listener()).stamp(id.value(), false);
        return new Result(id, file, up.ops().stream().map(Op::describe).toList(), notExpressed, checked);
    }

    /**
     * The schema without the version tables of other migration tools (Alembic's {@code alembic_version}, Flyway's
     * {@code flyway_schema_history}): they are bookkeeping, not schema; {@code strata import --stamp-at auto}
     * reads them. Each one left out is added to {@code left}.
     */
    static SchemaModel withoutOtherToolsTables(SchemaModel m, List<String> left) {
        Set<ObjectName> drop = new HashSet<>();
        for (ObjectName n : m.tables().keySet()) {
            if (n.name().equals("alembic_version") || n.name().equals("flyway_schema_history")) {
                drop.add(n);
                left.add("Left out " + n + ": the version table of another migration tool, not part of the schema.");
            }
        }
        if (drop.isEmpty()) {
            return m;
        }
        TreeMap<ObjectName, Table> tables = new TreeMap<>(m.tables());
        drop.forEach(tables::remove);
        TreeMap<ObjectName, Index> indexes = new TreeMap<>(m.indexes());
        indexes.values().removeIf(i -> drop.contains(i.table()));
        return new SchemaModel(m.schemas(), m.extensions(), tables, m.views(), m.materializedViews(), indexes,
                m.sequences(), m.enums(), m.compositeTypes(), m.domains(), m.functions(), m.triggers(), m.rules(),
                m.hypertables(), m.continuousAggregates());
    }

    static String render(RevisionId id, String message, List<Statement> statements, SchemaDiff.Outcome up,
                         List<String> left) {
        String template = RevisionTemplate.render(id, List.of(), message, List.of(), List.of(),
                SqlListing.transactional(statements));
        StringBuilder b = new StringBuilder(template.substring(0, template.indexOf("\n\n-- strata:upgrade") + 1));
        b.append("-- strata:irreversible ").append(IRREVERSIBLE).append('\n');
        b.append("-- Generated by `strata baseline` from the live database's schema; the database was stamped at this")
                .append(" revision, it was not run there.\n");
        b.append("-- Applied to an empty database, it builds the same schema (tables, views, types, functions, extension")
                .append(" objects); rows are not copied.\n");
        for (String n : SqlListing.modeNotes(statements)) {
            b.append("-- ").append(n).append('\n');
        }
        for (String n : left) {
            b.append("-- ").append(n).append('\n');
        }
        for (String n : up.notes()) {
            b.append("-- Note: ").append(n.replaceAll("\\s+", " ")).append('\n');
        }
        for (String u : up.unsupported()) {
            b.append("-- NOT EXPRESSED (write it by hand): ").append(u.replaceAll("\\s+", " ")).append('\n');
        }
        b.append("\n-- strata:upgrade\n").append(SqlListing.text(statements));
        return b.toString();
    }

    /** Applies the baseline on an empty scratch database and lists what differs from the live schema. */
    private static List<String> check(Workspace w, String devUrl, SqlMigration script, SchemaModel live) {
        try (Models models = new Models(w, devUrl)) {
            ScratchDb db = models.scratch().create();
            try {
                ChainReplay.replay(MigrationSet.of(List.of(script)), script.revision().id().value(), db,
                        w.settings().tables());
            } catch (StrataException e) {
                throw new StrataException(ErrorCode.STATEMENT_FAILED, "the baseline failed on a scratch database ("
                        + e.getMessage() + "); nothing was written; the dev server may lack an extension the"
                        + " database uses; install it there, or leave out --dev-url", e);
            }
            SchemaModel rebuilt = ModelReader.read(db, w.settings().tables());
            SchemaDiff.Outcome rest = SchemaDiff.diff(rebuilt, live, Map.of(), true);
            List<String> out = new ArrayList<>();
            rest.ops().forEach(o -> out.add(o.describe()));
            out.addAll(rest.unsupported());
            return out;
        }
    }
}
