package dev.strata.engine;

import dev.strata.engine.schema.ModelReader;
import dev.strata.engine.schema.SchemaDiff;
import dev.strata.engine.schema.Scratch;
import dev.strata.engine.schema.ScratchDb;
import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import dev.strata.model.SchemaModel;
import dev.strata.op.Renderer;
import dev.strata.plan.Statement;
import dev.strata.postgres.JdbcTarget;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.run.RunListener;
import dev.strata.run.RunOptions;
import dev.strata.run.Runner;
import dev.strata.run.StateTables;
import dev.strata.script.MigrationScript;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stairway test: on a scratch database, every revision in graph order is upgraded, its schema read,
 * downgraded (the one revision, other branches stay applied), compared with the schema before its upgrade
 * (the parent's snapshot: the differ must find nothing), and upgraded again. The first revision whose
 * downgrade does not restore its parent exactly stops the walk, with what differs as the SQL that would
 * turn the downgraded schema back into the parent's. An irreversible revision is upgraded and not stepped
 * down (said so in the result); the walk goes on above it.
 *
 * <p>With fixtures ({@link Options#fixtures()}), the file {@code <fixtures>/<revision id>.sql} (or
 * {@code <revision id>_<anything>.sql}) is run before that revision's upgrade; the tables it put rows into
 * must keep their row count through the upgrade, hold exactly the loaded rows again after the downgrade,
 * and the same rows after the second upgrade as after the first.
 *
 * <p>Nothing is printed: progress goes to the workspace's listener as notices. The scratch database (and an
 * embedded server when no dev URL is given) is dropped before returning.
 */
public final class Stairway {
    private final Workspace w;
    private final Options options;

    private Stairway(Workspace w, Options options) {
        this.w = w;
        this.options = options;
    }

    /**
     * How the stairway runs.
     *
     * @param devUrl   a server for the scratch database (any database on it), or empty: the settings' dev URL,
     *                 else a throw-away embedded PostgreSQL
     * @param fixtures the folder of per-revision fixture files, or empty: no data check
     */
    public record Options(Optional<String> devUrl, Optional<Path> fixtures) {
        public Options {
            Objects.requireNonNull(devUrl, "devUrl");
            Objects.requireNonNull(fixtures, "fixtures");
        }

        /** Schema only, on the configured dev URL or an embedded server. */
        public static final Options DEFAULT = new Options(Optional.empty(), Optional.empty());
    }

    /**
     * What the stairway found.
     *
     * @param passed    true when every reversible revision's downgrade restored its parent (and the data held)
     * @param data      whether fixtures were loaded and checked
     * @param revisions the revisions walked, in graph order, up to and including the failing one
     * @param failure   the first failure, or null
     * @param millis    how long it took, scratch database included
     */
    public record Result(boolean passed, boolean data, List<Checked> revisions, Failure failure, long millis) {
        public Result {
            revisions = List.copyOf(revisions);
        }

        /** The revisions that were not stepped down because they are irreversible. */
        public List<Checked> irreversible() {
            return revisions.stream().filter(r -> r.outcome().equals(Checked.IRREVERSIBLE)).toList();
        }
    }

    /**
     * One revision of the walk.
     *
     * @param revision the id
     * @param message  its message
     * @param outcome  {@code restored} (down and up again, schema equal), {@code irreversible} (only upgraded;
     *                 {@code reason} says why), or {@code failed}
     * @param reason   the irreversible reason, else null
     * @param fixture  the tables the revision's fixture put rows into, with their row counts (empty without one)
     */
    public record Checked(String revision, String message, String outcome, String reason, List<TableRows> fixture) {
        public static final String RESTORED = "restored";
        public static final String IRREVERSIBLE = "irreversible";
        public static final String FAILED = "failed";

        public Checked {
            fixture = List.copyOf(fixture);
        }
    }

    /** A fixture table and its row count after the fixture was loaded. */
    public record TableRows(String table, long rows) {
    }

    /**
     * The first failure.
     *
     * @param revision    the revision
     * @param phase       {@code fixture} (loading its fixture), {@code upgrade}, {@code downgrade},
     *                    {@code schema} (the downgrade left a schema other than the parent's), {@code reupgrade}
     *                    (the second upgrade failed or gave another schema) or {@code data} (fixture rows changed)
     * @param message     one line: what went wrong
     * @param differences for {@code schema} and {@code reupgrade}: the SQL that turns the schema found into the
     *                    expected one (what the downgrade missed); for {@code data}: one line per difference
     */
    public record Failure(String revision, String phase, String message, List<String> differences) {
        public Failure {
            differences = List.copyOf(differences);
        }
    }

    /** Runs the stairway over the workspace's revisions. */
    public static Result run(Workspace w, Options options) {
        return new Stairway(w, options).run();
    }

    private Result run() {
        long start = System.nanoTime();
        MigrationSet set = w.migrations();
        StateTables tables = w.settings().tables();
        Optional<String> dev = options.devUrl().isPresent() ? options.devUrl() : w.settings().devUrl();
        List<Checked> done = new ArrayList<>();
        Failure failure = null;
        try (Scratch scratch = Scratch.open(dev, t -> w.notice(RunEvent.Notice.Level.INFO, t),
                t -> w.notice(RunEvent.Notice.Level.DEBUG, t))) {
            ScratchDb db = scratch.create();
            try (JdbcTarget target = new JdbcTarget(db.connect(), tables, EngineVersion.get());
                 Connection reader = db.connect()) {
                Runner runner = new Runner(set, target, new RunOptions(Duration.ZERO, EngineVersion.get(), false),
                        RunListener.NONE);
                SchemaModel parent = ModelReader.read(reader, tables);
                int n = 0;
                for (Revision r : set.graph().all()) {
                    n++;
                    w.notice(RunEvent.Notice.Level.DEBUG, "stairway " + n + "/" + set.size() + ": " + r.id());
                    Step step = new Step(runner, reader, tables, set.script(r.id()), parent);
                    failure = step.check();
                    done.add(step.checked(failure));
                    if (failure != null) {
                        break;
                    }
                    parent = step.upgraded;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("closing a scratch connection: " + e.getMessage(), e);
            }
        }
        return new Result(failure == null, options.fixtures().isPresent(), done, failure,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** One revision's round: fixture, upgrade, read, downgrade, compare, upgrade again. */
    private final class Step {
        private final Runner runner;
        private final Connection reader;
        private final StateTables tables;
        private final MigrationScript script;
        private final SchemaModel parent;
        private final String id;
        private SchemaModel upgraded;
        private List<TableRows> fixture = List.of();
        private boolean irreversible;

        Step(Runner runner, Connection reader, StateTables tables, MigrationScript script, SchemaModel parent) {
            this.runner = runner;
            this.reader = reader;
            this.tables = tables;
            this.script = script;
            this.parent = parent;
            this.id = script.revision().id().value();
        }

        Failure check() {
            FixtureData data = null;
            Optional<Path> file = options.fixtures().flatMap(dir -> FixtureData.file(dir, id));
            if (file.isPresent()) {
                try {
                    data = FixtureData.load(reader, file.get(), parent);
                } catch (StrataException e) {
                    return new Failure(id, "fixture", e.getMessage(), List.of());
                }
                fixture = data.counts();
            }
            try {
                runner.upgrade(id);
            } catch (StrataException e) {
                return new Failure(id, "upgrade", e.getMessage(), List.of());
            }
            upgraded = ModelReader.read(reader, tables);
            Map<String, List<String>> afterUp = null;
            if (data != null) {
                List<String> lost = data.countsKept(reader);
                if (!lost.isEmpty()) {
                    return new Failure(id, "data", "the upgrade of " + id + " changed the fixture rows", lost);
                }
                afterUp = data.rows(reader);
            }
            if (script.downgradePlan().isEmpty()) {
                irreversible = true;
                return null;
            }
            try {
                runner.revert(script.revision().id());
            } catch (StrataException e) {
                return new Failure(id, "downgrade", e.getMessage(), List.of());
            }
            List<String> schema = differences(ModelReader.read(reader, tables), parent);
            if (!schema.isEmpty()) {
                return new Failure(id, "schema", "the downgrade of " + id + " does not restore the schema before it: "
                        + schema.size() + " difference(s); the SQL below would restore it", schema);
            }
            if (data != null) {
                List<String> changed = data.same(reader, data.loaded(), "after the downgrade");
                if (!changed.isEmpty()) {
                    return new Failure(id, "data", "the downgrade of " + id + " does not restore the fixture rows", changed);
                }
            }
            try {
                runner.upgrade(id);
            } catch (StrataException e) {
                return new Failure(id, "reupgrade", e.getMessage(), List.of());
            }
            List<String> again = differences(ModelReader.read(reader, tables), upgraded);
            if (!again.isEmpty()) {
                return new Failure(id, "reupgrade", "upgrading " + id + " again gives another schema than its first"
                        + " upgrade: " + again.size() + " difference(s)", again);
            }
            if (data != null) {
                List<String> changed = data.same(reader, afterUp, "after the second upgrade");
                if (!changed.isEmpty()) {
                    return new Failure(id, "data", "upgrading " + id + " again gives other fixture rows than its first"
                            + " upgrade", changed);
                }
            }
            return null;
        }

        Checked checked(Failure failure) {
            String outcome = failure != null ? Checked.FAILED : irreversible ? Checked.IRREVERSIBLE : Checked.RESTORED;
            return new Checked(id, script.revision().message(), outcome,
                    irreversible ? script.irreversibleReason().orElse("no downgrade") : null, fixture);
        }
    }

    /** The SQL that turns {@code found} into {@code expected}, plus what the differ cannot express; empty when equal. */
    static List<String> differences(SchemaModel found, SchemaModel expected) {
        SchemaDiff.Outcome out = SchemaDiff.diff(found, expected, Map.of(), true);
        List<String> lines = new ArrayList<>();
        for (Statement s : Renderer.render(out.ops())) {
            lines.add(s.sql() + ";");
        }
        for (String u : out.unsupported()) {
            lines.add("-- not expressed: " + u);
        }
        return lines;
    }
}
