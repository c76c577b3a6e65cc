package dev.strata.engine;

import dev.strata.engine.schema.ChainReplay;
import dev.strata.engine.schema.ModelReader;
import dev.strata.engine.schema.Models;
import dev.strata.engine.schema.SchemaDiff;
import dev.strata.engine.schema.ScratchDb;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.graph.RevisionId;
import dev.strata.model.SchemaModel;
import dev.strata.postgres.HistoryRow;
import dev.strata.postgres.JdbcTarget;
import dev.strata.run.DatabaseState;
import dev.strata.run.HistoryEntry;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.script.MigrationScript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds {@link Status}: the database's version and history tables read against the project, and, when
 * asked, the chain head compared with a desired-state folder and the database compared with what its
 * applied revisions produce (both on scratch databases).
 */
public final class StatusReader {
    private StatusReader() {
    }

    /** The status without schema comparisons. */
    public static Status read(Workspace w) {
        return read(w, Optional.empty(), false, null);
    }

    /**
     * @param schemaDir a desired-state folder to compare with the chain head, if any
     * @param drift     whether to compare the database with its applied revisions
     * @param devUrl    a server for scratch databases, or null for the configured one / an embedded one
     */
    public static Status read(Workspace w, Optional<Path> schemaDir, boolean drift, String devUrl) {
        MigrationSet set = w.migrations();
        JdbcTarget target = w.target();
        DatabaseState state = target.readState();
        RevisionGraph g = set.graph();
        List<HistoryRow> history = state.tablesExist() ? target.history() : List.of();
        List<String> unknown = unknownApplied(set, state, history);
        Set<RevisionId> applied = appliedKnown(set, state, unknown.isEmpty() ? List.of() : history);
        List<Status.PendingRevision> pending = new ArrayList<>();
        for (Revision r : g.all()) {
            if (!applied.contains(r.id())) {
                pending.add(new Status.PendingRevision(r.id().value(), r.message(), set.script(r.id()).location()));
            }
        }
        List<Status.ChecksumMismatch> mismatches = new ArrayList<>();
        for (Revision r : g.all()) {
            String stored = state.checksums().get(r.id());
            MigrationScript s = set.script(r.id());
            if (applied.contains(r.id()) && stored != null && !stored.equals(s.checksum().hex())) {
                mismatches.add(new Status.ChecksumMismatch(r.id().value(), s.location(), stored, s.checksum().hex()));
            }
        }
        List<Status.NeedsRepair> repair = state.partial().stream().map(p -> new Status.NeedsRepair(p.revision().value(),
                set.contains(p.revision()) ? set.script(p.revision()).location() : null, p.statementsRun(),
                p.statementsTotal(), p.error())).toList();
        List<String> schemaDrift = new ArrayList<>();
        List<String> databaseDrift = new ArrayList<>();
        if (schemaDir.isPresent() || drift) {
            try (Models models = new Models(w, devUrl)) {
                if (schemaDir.isPresent()) {
                    var both = models.both(() -> models.chain(g.heads().isEmpty() ? "base" : "heads"),
                            () -> models.folder(schemaDir.get()));
                    schemaDrift.addAll(lines(SchemaDiff.diff(both.first(), both.second(), Map.of(), true)));
                }
                if (drift) {
                    databaseDrift.addAll(databaseDrift(w, models, set, state));
                }
            }
        }
        return new Status(new TreeSet<>(state.heads()).stream().map(RevisionId::value).toList(),
                g.heads().stream().map(RevisionId::value).toList(), history, pending, unknown, repair, mismatches, schemaDrift,
                databaseDrift);
    }

    /**
     * The revisions the database has applied that the project lacks: unknown heads of the version table, and
     * unknown revisions whose latest history row applied them.
     */
    static List<String> unknownApplied(MigrationSet set, DatabaseState state, List<HistoryRow> history) {
        Set<String> out = new TreeSet<>();
        for (RevisionId id : state.heads()) {
            if (!set.contains(id)) {
                out.add(id.value());
            }
        }
        if (out.isEmpty()) {
            return List.of();
        }
        for (Map.Entry<String, Boolean> e : lastApplied(history).entrySet()) {
            if (e.getValue() && !containsId(set, e.getKey())) {
                out.add(e.getKey());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The known revisions the database has applied: those below its known heads, and, when some heads are
     * unknown, also the known revisions the history says are applied (with their ancestors).
     */
    static Set<RevisionId> appliedKnown(MigrationSet set, DatabaseState state, List<HistoryRow> history) {
        Set<RevisionId> heads = new HashSet<>();
        for (RevisionId id : state.heads()) {
            if (set.contains(id)) {
                heads.add(id);
            }
        }
        for (Map.Entry<String, Boolean> e : lastApplied(history).entrySet()) {
            if (e.getValue() && containsId(set, e.getKey())) {
                heads.add(RevisionId.of(e.getKey()));
            }
        }
        return set.graph().applied(heads);
    }

    /** For each revision in the history, whether its latest successful row left it applied. */
    private static Map<String, Boolean> lastApplied(List<HistoryRow> history) {
        Map<String, Boolean> last = new HashMap<>();
        for (HistoryRow r : history) {
            if (r.status() != HistoryEntry.Status.OK) {
                continue;
            }
            switch (r.action()) {
                case UPGRADE, STAMP_UP -> last.put(r.revision(), true);
                case DOWNGRADE, STAMP_DOWN -> last.put(r.revision(), false);
                default -> { }
            }
        }
        return last;
    }

    private static boolean containsId(MigrationSet set, String id) {
        try {
            return set.contains(RevisionId.of(id));
        } catch (RuntimeException notAnId) {
            return false;
        }
    }

    private static List<String> lines(SchemaDiff.Outcome o) {
        List<String> out = new ArrayList<>();
        o.ops().forEach(op -> out.add(op.describe()));
        out.addAll(o.unsupported());
        return out;
    }

    /** The chain replayed to the database's own applied heads, compared with the database. */
    private static List<String> databaseDrift(Workspace w, Models models, MigrationSet set, DatabaseState state) {
        List<RevisionId> known = state.heads().stream().filter(set::contains).sorted().toList();
        if (known.size() != state.heads().size()) {
            w.notice(RunEvent.Notice.Level.WARNING, "the database has applied revisions missing from the migrations"
                    + " folder; comparing with the known ones only");
        }
        ScratchDb db = models.scratch().create();
        for (RevisionId id : known) {
            ChainReplay.replay(set, id.value(), db, w.settings().tables());
        }
        SchemaModel actual = w.readSchema();
        SchemaModel expected = withoutPendingBuilds(ModelReader.read(db, w.settings().tables()), actual, set, state);
        return lines(SchemaDiff.diff(expected, actual, Map.of(), true));
    }

    /**
     * The replay builds deferred IVFFlat indexes at once (the schema the chain declares); in the database one
     * still waiting for rows is pending work ({@code current} lists it), not drift, so it is left out.
     */
    static SchemaModel withoutPendingBuilds(SchemaModel expected, SchemaModel actual, MigrationSet set,
                                                    DatabaseState state) {
        Set<String> deferred = new HashSet<>();
        for (RevisionId id : state.checksums().keySet()) {
            if (set.contains(id)) {
                set.script(id).upgradePlan().stream().filter(s -> s.deferredBuild() != null)
                        .forEach(s -> deferred.add(bareName(s.deferredBuild().index())));
            }
        }
        if (deferred.isEmpty()) {
            return expected;
        }
        java.util.SortedMap<dev.strata.model.ObjectName, dev.strata.model.Index> kept =
                new java.util.TreeMap<>(expected.indexes());
        kept.keySet().removeIf(n -> deferred.contains(n.name()) && !actual.indexes().containsKey(n));
        return new SchemaModel(expected.schemas(), expected.extensions(), expected.tables(), expected.views(),
                expected.materializedViews(), kept, expected.sequences(), expected.enums(), expected.compositeTypes(),
                expected.domains(), expected.functions(), expected.triggers(), expected.rules(), expected.hypertables(),
                expected.continuousAggregates());
    }

    /** The last part of a (possibly qualified, possibly quoted) name, as the catalog spells it. */
    private static String bareName(String sql) {
        String last = sql;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                last = sql.substring(i + 1);
            }
        }
        return last.startsWith("\"") ? last.substring(1, last.length() - 1).replace("\"\"", "\"")
                : last.toLowerCase(java.util.Locale.ROOT);
    }
}
