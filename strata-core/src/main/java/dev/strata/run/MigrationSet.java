package dev.strata.run;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.graph.RevisionId;
import dev.strata.script.MigrationScript;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The revisions of a project: their graph and the script behind each node. Built once per command.
 */
public final class MigrationSet {
    private final RevisionGraph graph;
    private final Map<RevisionId, MigrationScript> scripts;

    private MigrationSet(RevisionGraph graph, Map<RevisionId, MigrationScript> scripts) {
        this.graph = graph;
        this.scripts = scripts;
    }

    /** Builds the graph from the scripts; graph errors (duplicates, cycles, unknown parents) surface here. */
    public static MigrationSet of(List<? extends MigrationScript> list) {
        Map<RevisionId, MigrationScript> byId = new HashMap<>();
        for (MigrationScript s : list) {
            MigrationScript previous = byId.putIfAbsent(s.revision().id(), s);
            if (previous != null) {
                throw new StrataException(ErrorCode.DUPLICATE_REVISION, "revision " + s.revision().id()
                        + " is declared twice: in " + previous.location() + " and in " + s.location()
                        + "; give one of them a new id");
            }
        }
        List<Revision> revisions = list.stream().map(MigrationScript::revision).toList();
        // a HashMap rather than Map.copyOf: ids like r0001..r1000 hash to neighbouring values, which the immutable map's
        // open addressing turns into long probe runs (a 1,000-revision apply looks scripts up thousands of times)
        return new MigrationSet(RevisionGraph.of(revisions), java.util.Collections.unmodifiableMap(byId));
    }

    public RevisionGraph graph() {
        return graph;
    }

    public MigrationScript script(RevisionId id) {
        MigrationScript s = scripts.get(id);
        if (s == null) {
            throw new StrataException(ErrorCode.UNKNOWN_REVISION, "no revision " + id + " in the migrations folder");
        }
        return s;
    }

    public boolean contains(RevisionId id) {
        return scripts.containsKey(id);
    }

    public int size() {
        return scripts.size();
    }

    /** Whether any revision may defer an index build (a Java revision, or a SQL file with the directive). */
    public boolean mayDeferBuilds() {
        return scripts.values().stream().anyMatch(MigrationScript::mayDeferBuilds);
    }

    /**
     * Splits the SQL of every revision but {@code verified} into statements (on every core), so that an error in
     * any revision that may run surfaces before anything runs; the first in file order is thrown. Revisions read
     * lazily ({@link dev.strata.script.ScriptLoader#load(java.nio.file.Path, java.nio.file.Path, boolean)}) and
     * already applied with an unchanged checksum are never lexed; nor, here, are those whose bytes split cleanly
     * with this build before ({@link dev.strata.script.SqlMigration#splitsCleanly()}, from the revision cache):
     * they are split when they run, on the read-ahead thread, instead of all at once before the first one (for
     * 1,000 pending revisions about 0.2 s of a 2-core VM's run before anything was sent).
     */
    public void splitAllBut(java.util.Set<RevisionId> verified) {
        split(s -> !s.splitsCleanly() && !verified.contains(s.revision().id()));
    }

    /**
     * Splits the SQL of every revision into statements now, on every core (for a reader of them all, the linter);
     * the first error in file order is thrown.
     */
    public void splitAll() {
        split(s -> true);
    }

    private void split(java.util.function.Predicate<dev.strata.script.SqlMigration> which) {
        List<Object> failures = scripts.values().stream()
                .filter(s -> s instanceof dev.strata.script.SqlMigration sql && which.test(sql))
                .sorted(java.util.Comparator.comparing(MigrationScript::location))
                .parallel()
                .map(s -> {
                    try {
                        ((dev.strata.script.SqlMigration) s).split();
                        return null;
                    } catch (StrataException e) {
                        return (Object) e;
                    }
                })
                .filter(java.util.Objects::nonNull)
                .toList();
        if (!failures.isEmpty()) {
            throw (StrataException) failures.get(0);
        }
    }
}
