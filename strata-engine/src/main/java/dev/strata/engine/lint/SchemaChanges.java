package dev.strata.engine.lint;

import dev.strata.diff.DiffOptions;
import dev.strata.diff.DiffResult;
import dev.strata.diff.Differ;
import dev.strata.diff.RenameCandidate;
import dev.strata.lint.StatementObservation.SchemaChange;
import dev.strata.model.SchemaModel;
import dev.strata.op.Op;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The schema change of each observed statement, as the differ's ops: the scratch database is read with the
 * inspector after a statement that could have changed the catalog and diffed against the schema read before it
 * (the previous read, so one read per such statement). Only the relations the statement locked (and what prints
 * them) are read again ({@link PgInspector#reread}), so a read costs about the same whatever the size of the
 * schema. Statements that cannot change the schema model (DML, VACUUM, ANALYZE, REINDEX, a SELECT or DO that
 * wrote nothing) are not read. The diff of each read runs on a second thread while the next statements run on the
 * server.
 */
final class SchemaChanges implements AutoCloseable {
    /** Statements that change rows or storage, never the schema model. */
    private static final Pattern NO_SCHEMA_CHANGE = Pattern.compile("(?is)(insert|update|delete|merge|copy|truncate"
            + "|vacuum|analyze|analyse|reindex|cluster|refresh|checkpoint|lock|set|reset|discard|notify|listen"
            + "|unlisten|explain|values|table|fetch|declare|close|prepare|execute|deallocate|show|with|begin|start|commit|end"
            + "|rollback|abort|savepoint|release)\\b.*");
    /** Statements that change the schema only when they write something (create_hypertable, a DO block). */
    private static final Pattern WHEN_WRITING = Pattern.compile("(?is)(select|do|call)\\b.*");
    private static final Pattern LEADING = Pattern.compile("(?s)\\A(\\s+|--[^\\n]*\\n?|/\\*.*?\\*/|\\()+");
    private static final Pattern RENAME = Pattern.compile("(?is).*\\brename\\b.*");
    /**
     * Statements that change nothing but relations (their indexes, constraints, triggers, comments): after them the
     * schemas, extensions, types and functions need not be read again. Not when they rename, move to another
     * schema or cascade (a function with a SQL-standard body prints the names it uses).
     */
    private static final Pattern RELATIONS_ONLY = Pattern.compile("(?is)(?!.*\\b(cascade|rename|schema)\\b)"
            + "(create\\s+(unique\\s+)?index|drop\\s+index|alter\\s+index|create\\s+(unlogged\\s+)?table|alter\\s+table"
            + "|drop\\s+table|create\\s+(or\\s+replace\\s+)?trigger|drop\\s+trigger"
            + "|comment\\s+on\\s+(table|column|index|constraint|trigger))\\b.*");

    private final Connection c;
    private final PgInspector inspector = new PgInspector();
    private final Differ differ = new Differ();
    /**
     * The schema after the last statement read (being merged on the second thread after a relations-only read), or
     * null when something ran since without a read.
     */
    private CompletableFuture<PgInspector.Snapshot> current;
    /**
     * The last snapshot read on this thread: its schemas, extensions and options are those of {@link #current} (a
     * relations-only read keeps them), which a relations-only read goes by.
     */
    private PgInspector.Snapshot shape;
    /**
     * The kinds that neither {@link #shape} nor any relations-only change since has (or made): their part of a
     * relations-only read is left out.
     */
    private EnumSet<PgInspector.Absent> absent = EnumSet.noneOf(PgInspector.Absent.class);
    /** Merges and diffs the reads, one at a time in the order read (the differ is not shared). */
    private final ExecutorService differs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "strata-lint-diff");
        t.setDaemon(true);
        return t;
    });

    SchemaChanges(Connection c) {
        this.c = c;
    }

    @Override
    public void close() {
        differs.shutdownNow();
    }

    /** Something ran that was not followed (a revision applied as it is): the next statement reads anew. */
    void forget() {
        current = null;
        shape = null;
    }

    /** {@code now} (read on this thread) is the schema after the last statement. */
    private void read(PgInspector.Snapshot now) {
        current = CompletableFuture.completedFuture(now);
        shape = now;
        absent = PgInspector.unmade(now.model(), "");
    }

    /** Reads the schema before a revision's first statement, unless it is known. */
    void before() {
        if (current == null) {
            read(inspector.snapshot(c, InspectOptions.defaults()));
        }
    }

    /**
     * Whether {@code sql} could have changed the schema model.
     *
     * @param wrote whether its transaction was given an xid (it wrote something); null when not known (it ran in
     *              autocommit)
     */
    static boolean mayChange(String sql, Boolean wrote) {
        String s = LEADING.matcher(sql).replaceFirst("");
        if (NO_SCHEMA_CHANGE.matcher(s).matches()) {
            return false;
        }
        return !WHEN_WRITING.matcher(s).matches() || wrote == null || wrote;
    }

    /**
     * A DO block whose body is nothing but a list of statements ({@code DO $tag$ BEGIN s1; s2; END $tag$}, with no
     * declarations, control flow, PERFORM or EXECUTE): group 2 is the list.
     */
    private static final Pattern PLAIN_DO = Pattern.compile(
            "(?is)do\\s+(?:language\\s+plpgsql\\s+)?(\\$[a-z_0-9]*\\$)\\s*begin\\b(.*?)\\bend\\s*;?\\s*\\1\\s*(?:language\\s+plpgsql\\s*)?;?\\s*");

    /**
     * Whether {@code sql} changes nothing but relations (see {@link #RELATIONS_ONLY}): such a statement, or a DO block
     * that runs nothing but such statements (split at every semicolon, so one with a semicolon in a literal is not
     * taken for one).
     */
    static boolean relationsOnly(String sql) {
        String s = LEADING.matcher(sql).replaceFirst("");
        if (RELATIONS_ONLY.matcher(s).matches()) {
            return true;
        }
        java.util.regex.Matcher m = PLAIN_DO.matcher(s);
        if (!m.matches()) {
            return false;
        }
        boolean some = false;
        for (String inner : m.group(2).split(";")) {
            if (inner.isBlank()) {
                continue;
            }
            if (!RELATIONS_ONLY.matcher(LEADING.matcher(inner).replaceFirst("")).matches()) {
                return false;
            }
            some = true;
        }
        return some;
    }

    /**
     * The ops from the schema before the statement to the schema now: reads it now (the read becomes the new
     * before) and diffs on the second thread; the ops are there once the returned future completes.
     *
     * @param touched the relations (oids) the statement locked, which include every one it created, dropped or
     *                altered; null when not known (it ran in autocommit), which reads the whole schema
     */
    CompletableFuture<List<SchemaChange>> after(String sql, Collection<Long> touched) {
        if (current != null && touched != null && relationsOnly(sql)) {
            // read now; merged into the schema before (once the second thread has it) and diffed there
            absent.retainAll(PgInspector.unmade(shape.model(), sql));
            PgInspector.RelationRows rows = inspector.rereadRelations(c, shape, touched, absent);
            shape = shape.withDefaultsOf(rows);
            CompletableFuture<PgInspector.Snapshot> then = current;
            current = then.thenApplyAsync(before -> inspector.merge(before, rows), differs);
            return current.thenApplyAsync(now -> changes(sql, then.join(), now), differs);
        }
        PgInspector.Snapshot then = current == null ? null : joined(current);
        PgInspector.Snapshot now = then == null || touched == null ? inspector.snapshot(c, InspectOptions.defaults())
                : inspector.reread(c, then, touched, true);
        read(now);
        if (then == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.supplyAsync(() -> changes(sql, then, now), differs);
    }

    /** What {@code f} completed with, or the exception it failed with. */
    static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    /** The ops from {@code then} to {@code now} (read after {@code sql}). */
    private List<SchemaChange> changes(String sql, PgInspector.Snapshot then, PgInspector.Snapshot current) {
        // after a partial read only the relations read again can differ: the diff looks at those alone
        SchemaModel was = current.partial() ? then.around(current.reread()) : then.model();
        SchemaModel now = current.partial() ? current.around(current.reread()) : current.model();
        DiffResult r = differ.diff(was, now, DiffOptions.defaults());
        if (!r.renameCandidates().isEmpty() && RENAME.matcher(sql).matches()) {
            Map<String, String> hints = new LinkedHashMap<>();
            for (RenameCandidate rc : r.renameCandidates()) {
                hints.put(rc.hintKey(), rc.newName());
            }
            r = differ.diff(was, now, DiffOptions.defaults().withRenames(hints));
        }
        List<SchemaChange> out = new ArrayList<>();
        for (Op op : r.ops()) {
            out.add(new SchemaChange(kind(op), op.describe()));
        }
        for (String u : r.unsupported()) {
            out.add(new SchemaChange("not_expressed", u));
        }
        return out;
    }

    /** {@code CreateVectorIndex} as {@code create_vector_index}. */
    static String kind(Op op) {
        return op.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
