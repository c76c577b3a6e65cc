package dev.strata.postgres.inspect;

import dev.strata.model.CompositeType;
import dev.strata.model.ContinuousAggregate;
import dev.strata.model.Domain;
import dev.strata.model.EnumType;
import dev.strata.model.Extension;
import dev.strata.model.Function;
import dev.strata.model.Hypertable;
import dev.strata.model.MaterializedView;
import dev.strata.model.ObjectName;
import dev.strata.model.Schema;
import dev.strata.model.SchemaModel;
import dev.strata.model.View;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a live PostgreSQL database into a {@link SchemaModel}.
 *
 * <p>All queries run in one read-only, repeatable-read snapshot with {@code search_path} set to empty for
 * the duration, so definitions and types print schema-qualified names whatever the caller's search path, and
 * with JIT compilation off (it only slows catalog queries down).
 * On an autocommit connection the inspector opens and rolls back its own transaction; inside the caller's
 * transaction it works in a savepoint that it rolls back, so the session is left as it was found
 * (except that a caller's transaction keeps its own isolation level).
 *
 * <p>Cost: one round trip per object kind (about fifteen), independent of the number of tables; a reread of some
 * relations ({@link #reread}) is one round trip.
 */
public final class PgInspector {
    private static final String TIMESCALEDB = "timescaledb";
    /**
     * Transaction-local settings: an empty search path (qualified names in every definition) and no JIT. The
     * catalog queries' cost estimates (per-row subqueries over thousands of rows) pass the JIT thresholds, and
     * compiling them costs far more than it saves: up to a second on the indexes of a 1,000-table schema.
     */
    private static final String SETTINGS = "SELECT pg_catalog.set_config('search_path', '', true), "
            + "pg_catalog.set_config('jit', 'off', true)";
    /**
     * {@link #SETTINGS} for a reread, plus generic plans: a reread runs the same queries after every statement (on
     * server-prepared statements), and planning them anew each time would cost about as much as running them. And
     * a random page cost near the sequential one (the catalogs are in memory): the generic plans estimate the
     * relations' oids as ten, and at the default (4) a lookup of each by index looks dearer than a full scan of
     * pg_class or pg_type, which grows with the schema (relations.sql 0.18 to 0.06 ms, domains.sql 0.48 to 0.08 ms
     * on a 40-table schema).
     */
    private static final String REREAD_SETTINGS = SETTINGS + ", pg_catalog.set_config('plan_cache_mode', "
            + "'force_generic_plan', true), pg_catalog.set_config('random_page_cost', '1.1', true)";

    /**
     * The names {@link #fullReadQuery} takes: every query a full read sends for the schemas' objects, in the order
     * the diff benchmark's {@code InspectProfile} times them.
     */
    public static final List<String> FULL_READ_QUERIES = List.of("comments", "schemas", "extensions", "columns",
            "constraints", "tables", "views", "indexes", "sequences", "enums", "composites", "domains", "functions",
            "triggers", "rules");

    /**
     * The text a full read sends for one of the inspector's queries ({@code name}: {@code "indexes"} for
     * indexes.sql), for a server of major version {@code serverMajor}: for tools that time the queries one by one
     * (the diff benchmark's {@code InspectProfile}), so that they send what the inspector sends. Its parameters are
     * the schemas (text[]) and whether extension-owned objects are included (boolean), where the query has them.
     */
    public static String fullReadQuery(String name, int serverMajor) {
        return Catalog.forServer(Catalog.sql(name + ".sql"), false, false, serverMajor < 15);
    }

    /** Reads the schema with {@link InspectOptions#defaults()}. */
    public SchemaModel inspect(Connection c) {
        return inspect(c, InspectOptions.defaults());
    }

    /**
     * Reads the objects that the options select.
     *
     * @throws dev.strata.error.StrataException INSPECT_FAILED when a catalog query fails
     */
    public SchemaModel inspect(Connection c, InspectOptions options) {
        return inSnapshot(c, SETTINGS, () -> read(c, options));
    }

    /**
     * A read of the schema that knows the oid of each relation in it, so that it can be brought up to date by
     * reading again only the relations a change touched ({@link PgInspector#reread}).
     *
     * @param model     the schema, as {@link PgInspector#inspect(Connection, InspectOptions)} reads it
     * @param relations the tables, views, materialized views, sequences and indexes of the read schemas by oid
     * @param options   what was read
     * @param partial   whether this read was brought up to date from an earlier one rather than read in full
     * @param reread    in a partial read, the names (before and after) of the relations read again, and the
     *                  hypertables: nothing else of the model's relations changed since the earlier read
     * @param defaults  the database's default operator classes when a read of some relations has summed them up
     *                  (kept by the reads of relations after it), else null
     */
    public record Snapshot(SchemaModel model, Map<Long, ObjectName> relations, InspectOptions options,
                           boolean partial, Set<ObjectName> reread, OpclassDefaults defaults) {
        public Snapshot {
            relations = Map.copyOf(relations);
            reread = Set.copyOf(reread);
        }

        /**
         * This snapshot with the default operator classes that {@code rows} (a read of relations after it) went by,
         * for the reads of relations after that one.
         */
        public Snapshot withDefaultsOf(RelationRows rows) {
            return defaults != null || rows.defaults == null ? this
                    : new Snapshot(model, relations, options, partial, reread, rows.defaults);
        }

        /**
         * The model with only the relations of {@code names} (with their indexes, triggers, rules and hypertable
         * settings) and every schema-wide object: after a partial read, {@code around(reread())} of this and of
         * the earlier snapshot differ as the whole models do, and diffing them costs what the change touched.
         */
        public SchemaModel around(Set<ObjectName> names) {
            SchemaModel m = model;
            return SchemaModel.builder()
                    .schemas(m.schemas().values())
                    .extensions(m.extensions().values())
                    .tables(m.tables().values().stream().filter(t -> names.contains(t.name())).toList())
                    .views(m.views().values().stream().filter(v -> names.contains(v.name())).toList())
                    .materializedViews(m.materializedViews().values().stream()
                            .filter(v -> names.contains(v.name())).toList())
                    .indexes(m.indexes().values().stream()
                            .filter(i -> names.contains(i.name()) || names.contains(i.table())).toList())
                    .sequences(m.sequences().values().stream().filter(q -> names.contains(q.name())).toList())
                    .enums(m.enums().values())
                    .compositeTypes(m.compositeTypes().values())
                    .domains(m.domains().values())
                    .functions(m.functions().values())
                    .triggers(m.triggers().values().stream()
                            .filter(t -> names.contains(t.name().relation())).toList())
                    .rules(m.rules().values().stream().filter(r -> names.contains(r.name().relation())).toList())
                    .hypertables(m.hypertables().values().stream().filter(h -> names.contains(h.table())).toList())
                    .continuousAggregates(m.continuousAggregates().values())
                    .build();
        }
    }

    /** Reads the schema as {@link #inspect(Connection, InspectOptions)} does, with the relations' oids. */
    public Snapshot snapshot(Connection c, InspectOptions options) {
        return inSnapshot(c, SETTINGS, () -> full(c, options));
    }

    /**
     * Brings {@code previous} up to date after a change that touched the relations {@code touched} (by oid: each
     * relation created, dropped, altered or locked by the change) and nothing else of theirs, reading only those
     * relations and what has to be read again with them (see reread.sql) plus the schema-wide kinds that are
     * cheap to read whole (schemas, extensions, types, functions, TimescaleDB settings); the rest is taken from
     * {@code previous}. The whole read is one round trip. The model equals what a full read would give; when the
     * read shows a change it cannot follow that way (a schema or extension added, dropped or altered; a type, enum
     * label or function renamed or dropped, which changes how other objects print), it reads everything, in a
     * snapshot of its own.
     *
     * @throws dev.strata.error.StrataException INSPECT_FAILED when a catalog query fails
     */
    public Snapshot reread(Connection c, Snapshot previous, Collection<Long> touched) {
        return reread(c, previous, touched, true);
    }

    /**
     * As {@link #reread(Connection, Snapshot, Collection)}; without {@code schemaWide}, the schemas, extensions,
     * types and functions are taken from {@code previous} instead of being read again: for a change known to touch
     * nothing but relations (such as an ALTER TABLE that renames and cascades to nothing).
     */
    public Snapshot reread(Connection c, Snapshot previous, Collection<Long> touched, boolean schemaWide) {
        Snapshot s = partial(c, previous, touched, schemaWide);
        return s != null ? s : snapshot(c, previous.options());
    }

    private interface Read<T> {
        T read() throws SQLException;
    }

    /**
     * Runs {@code read} in a read-only, repeatable-read snapshot (or a savepoint of the caller's transaction) with
     * {@code settings} (transaction-local), leaving the session as it was found.
     */
    private static <T> T inSnapshot(Connection c, String settings, Read<T> read) {
        try {
            boolean autoCommit = c.getAutoCommit();
            try (Statement s = c.createStatement()) {
                // one round trip each way: the snapshot (or savepoint) and the settings go in one batch
                if (autoCommit) {
                    c.setAutoCommit(false);
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; " + settings);
                } else {
                    s.execute("SAVEPOINT strata_inspect; " + settings);
                }
                try {
                    return read.read();
                } finally {
                    if (autoCommit) {
                        c.rollback();
                        c.setAutoCommit(true);
                    } else {
                        s.execute("ROLLBACK TO SAVEPOINT strata_inspect; RELEASE SAVEPOINT strata_inspect");
                    }
                }
            }
        } catch (SQLException e) {
            throw Catalog.failed("setting up the read-only snapshot", e);
        }
    }

    private static Snapshot full(Connection c, InspectOptions options) {
        SchemaModel model = read(c, options);
        Catalog catalog = new Catalog(c, options.includeExtensionObjects());
        catalog.select(List.copyOf(model.schemas().keySet()));
        return new Snapshot(model, relations(catalog), options, false, Set.of(), null);
    }

    /** The relations of relations.sql by oid. */
    private static Map<Long, ObjectName> relations(Catalog catalog) {
        Map<Long, ObjectName> out = new HashMap<>();
        for (Object[] row : catalog.inSchemas("relations.sql",
                rs -> new Object[] {rs.getLong("oid"), TypeReader.name(rs)})) {
            out.put((Long) row[0], (ObjectName) row[1]);
        }
        return out;
    }

    /**
     * Parts of a relations-only reread that can be left out when there is nothing to read: the schema before had
     * none of the kind, in any relation, and no statement since can have made one ({@link #unmade}).
     */
    public enum Absent {
        /** Views and materialized views. */
        VIEWS("views.sql", "(?i)view"),
        /** Stand-alone sequences (a serial column's, or one named). */
        SEQUENCES("sequences.sql", "(?i)serial|sequence"),
        /** Triggers. */
        TRIGGERS("triggers.sql", "(?i)trigger"),
        /** Rewrite rules. */
        RULES("rules.sql", "(?i)rule");

        private final String resource;
        /** A statement's text that can make one. */
        private final Pattern makes;

        Absent(String resource, String makes) {
            this.resource = resource;
            this.makes = Pattern.compile(makes);
        }
    }

    /**
     * The kinds that {@code was} has none of and that {@code statement}, a change of nothing but relations, cannot
     * have made: its text does not name the kind. A change of relations makes a view, sequence, trigger or rule
     * only by naming it (a partition clones the triggers of a parent that has some, and then the schema has
     * some). Empty with TimescaleDB (its hypertables and continuous aggregates carry triggers and views of their
     * own). A caller following several statements keeps what every one of them left absent.
     */
    public static EnumSet<Absent> unmade(SchemaModel was, String statement) {
        EnumSet<Absent> out = EnumSet.noneOf(Absent.class);
        if (was.extensions().values().stream().anyMatch(e -> e.name().equals(TIMESCALEDB))) {
            return out;
        }
        for (Absent a : Absent.values()) {
            boolean none = switch (a) {
                case VIEWS -> was.views().isEmpty() && was.materializedViews().isEmpty();
                case SEQUENCES -> was.sequences().isEmpty();
                case TRIGGERS -> was.triggers().isEmpty();
                case RULES -> was.rules().isEmpty();
            };
            if (none && !a.makes.matcher(statement).find()) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The queries of a reread (with those of the schema-wide kinds when {@code schemaWide}), in the order sent:
     * without those of {@code needless}, with opclass_defaults.sql when {@code defaults}.
     */
    private static List<Catalog.Query> rereadQueries(boolean schemaWide, boolean timescale, Set<String> needless,
                                                     boolean defaults) {
        List<Catalog.Query> out = new ArrayList<>(List.of(new Catalog.Query("relations.sql", 1),
                new Catalog.Query("comments.sql", 0)));
        if (defaults) {
            out.add(new Catalog.Query("opclass_defaults.sql", 0));
        }
        if (schemaWide) {
            out.addAll(List.of(new Catalog.Query("schemas.sql", 0), new Catalog.Query("extensions.sql", 0),
                    new Catalog.Query("enums.sql", 2), new Catalog.Query("composites.sql", 2),
                    new Catalog.Query("domains.sql", 2), new Catalog.Query("functions.sql", 2)));
        }
        if (timescale) {
            out.addAll(List.of(new Catalog.Query("timescale_hypertables.sql", 1),
                    new Catalog.Query("timescale_continuous_aggregates.sql", 1)));
        }
        for (String r : List.of("views.sql", "columns.sql", "constraints.sql", "tables.sql", "indexes.sql",
                "sequences.sql", "triggers.sql", "rules.sql")) {
            if (!needless.contains(r)) {
                out.add(new Catalog.Query(r, 2));
            }
        }
        return out;
    }

    /**
     * The reread as one round trip: the snapshot (or a savepoint of the caller's transaction) with
     * {@link #REREAD_SETTINGS}, the queries, and the rollback go together. Null when a full read is needed instead.
     */
    private static Snapshot partial(Connection c, Snapshot previous, Collection<Long> touched, boolean schemaWide) {
        Catalog catalog = sent(c, previous, touched, schemaWide, Set.of());
        try {
            return partial(catalog, previous, touched, schemaWide);
        } finally {
            catalog.close();
        }
    }

    /**
     * The catalog holding the rows of a reread after {@code previous} (whose schemas, extensions and options it
     * reads by), sent as one round trip; the caller closes it.
     */
    private static Catalog sent(Connection c, Snapshot previous, Collection<Long> touched, boolean schemaWide,
                                Set<String> needless) {
        SchemaModel was = previous.model();
        Catalog catalog = new Catalog(c, previous.options().includeExtensionObjects());
        catalog.select(List.copyOf(was.schemas().keySet()));
        boolean timescale = was.extensions().values().stream().anyMatch(e -> e.name().equals(TIMESCALEDB));
        // a change of nothing but relations adds no operator class: the ones summed up before are passed
        OpclassDefaults known = schemaWide ? null : previous.defaults();
        List<Catalog.Query> queries = rereadQueries(schemaWide, timescale, needless, !schemaWide && known == null);
        catalog.none(needless);
        catalog.defaults(known);
        boolean done = false;
        try {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
                try {
                    catalog.send("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n" + REREAD_SETTINGS,
                            touched, queries, "ROLLBACK");
                } finally {
                    c.rollback();  // no round trip when the batch's own rollback ran
                    c.setAutoCommit(true);
                }
            } else {
                boolean ended = false;
                try {
                    catalog.send("SAVEPOINT strata_inspect;\n" + REREAD_SETTINGS, touched, queries,
                            "ROLLBACK TO SAVEPOINT strata_inspect;\nRELEASE SAVEPOINT strata_inspect");
                    ended = true;
                } finally {
                    if (!ended) {
                        try (Statement s = c.createStatement()) {
                            s.execute("ROLLBACK TO SAVEPOINT strata_inspect; RELEASE SAVEPOINT strata_inspect");
                        }
                    }
                }
            }
            done = true;
            return catalog;
        } catch (SQLException e) {
            throw Catalog.failed("setting up the read-only snapshot", e);
        } finally {
            if (!done) {
                catalog.close();
            }
        }
    }

    /**
     * The rows of a reread of some relations after a change known to touch nothing but relations, read and
     * decoded ({@link #rereadRelations}); {@link #merge} puts them into the snapshot they follow.
     */
    public static final class RelationRows {
        private final List<Long> touched;
        private final Map<Long, ObjectName> reread;
        private final UnaryOperator<SchemaModel.Builder> relations;
        private final OpclassDefaults defaults;

        private RelationRows(List<Long> touched, Map<Long, ObjectName> reread,
                             UnaryOperator<SchemaModel.Builder> relations, OpclassDefaults defaults) {
            this.touched = touched;
            this.reread = reread;
            this.relations = relations;
            this.defaults = defaults;
        }
    }

    /**
     * The first half of {@link #reread(Connection, Snapshot, Collection, boolean)} without {@code schemaWide}: reads
     * (one round trip) and decodes the relations a change touched, for {@link #merge} to put into the snapshot
     * before the change, which may be computed later (on another thread) from the same schemas, extensions and
     * options as {@code shape}, an earlier snapshot.
     *
     * @throws dev.strata.error.StrataException INSPECT_FAILED when a catalog query fails
     */
    public RelationRows rereadRelations(Connection c, Snapshot shape, Collection<Long> touched) {
        return rereadRelations(c, shape, touched, Set.of());
    }

    /**
     * As {@link #rereadRelations(Connection, Snapshot, Collection)}, without reading the kinds of {@code absent}
     * (known to be none: {@link #unmade}).
     */
    public RelationRows rereadRelations(Connection c, Snapshot shape, Collection<Long> touched, Set<Absent> absent) {
        Set<String> needless = new HashSet<>();
        absent.forEach(a -> needless.add(a.resource));
        Catalog catalog = sent(c, shape, touched, false, needless);
        try {
            return rows(catalog, shape, touched, relations(catalog));
        } finally {
            catalog.close();
        }
    }

    /**
     * The relations of a relations-only reread sent on {@code catalog} after {@code shape} ({@code reread}: those
     * read again, by oid), decoded; with the default operator classes it went by.
     */
    private static RelationRows rows(Catalog catalog, Snapshot shape, Collection<Long> touched,
                                     Map<Long, ObjectName> reread) {
        OpclassDefaults defaults = shape.defaults() != null ? shape.defaults() : catalog.readDefaults();
        catalog.loadComments();
        return new RelationRows(List.copyOf(touched), reread, relationRows(catalog,
                List.copyOf(shape.model().extensions().values()), keep(shape.options())), defaults);
    }

    /**
     * {@code previous} brought up to date with {@code rows}: the snapshot {@link #reread(Connection, Snapshot,
     * Collection, boolean)} without {@code schemaWide} gives. No database access.
     */
    public Snapshot merge(Snapshot previous, RelationRows rows) {
        return merged(previous, rows);
    }

    private static Snapshot merged(Snapshot previous, RelationRows rows) {
        SchemaModel was = previous.model();
        return merged(rows.relations, previous, rows.touched, rows.reread, List.copyOf(was.schemas().values()),
                List.copyOf(was.extensions().values()), List.copyOf(was.enums().values()),
                List.copyOf(was.compositeTypes().values()), List.copyOf(was.domains().values()),
                List.copyOf(was.functions().values()), rows.defaults);
    }

    /** The relations not left out by {@code options}' excluded tables. */
    private static Predicate<ObjectName> keep(InspectOptions options) {
        Set<ObjectName> skip = options.excludeTables();
        return n -> !skip.contains(n);
    }

    /** The reread from the rows that came back, or null when a full read is needed instead. */
    private static Snapshot partial(Catalog catalog, Snapshot previous, Collection<Long> touched,
                                    boolean schemaWide) {
        InspectOptions options = previous.options();
        SchemaModel was = previous.model();
        Map<Long, ObjectName> reread = relations(catalog);
        if (!schemaWide) {
            return merged(previous, rows(catalog, previous, touched, reread));
        }
        catalog.loadComments();
        List<Schema> schemas = catalog.plain("schemas.sql", rs -> options.schemaIncluded(rs.getString("name"),
                        rs.getBoolean("extension_owned"))
                        ? new Schema(rs.getString("name"), catalog.comment("namespace", rs.getLong("oid")))
                        : null)
                .stream().filter(java.util.Objects::nonNull).toList();
        List<Extension> extensions = ObjectReader.extensions(catalog);
        List<EnumType> enums = TypeReader.enums(catalog);
        List<CompositeType> composites = TypeReader.composites(catalog);
        List<Domain> domains = TypeReader.domains(catalog);
        List<Function> functions = ObjectReader.functions(catalog);
        if (!new HashSet<>(schemas).equals(new HashSet<>(was.schemas().values()))
                || !new HashSet<>(extensions).equals(new HashSet<>(was.extensions().values()))
                || !stillPrintedAlike(was, enums, composites, domains, functions)) {
            return null;
        }
        // a schema-wide change may have added operator classes (CREATE EXTENSION): the next read sums them up anew
        return merged(relationRows(catalog, extensions, keep(options)), previous, touched, reread, schemas,
                extensions, enums, composites, domains, functions, null);
    }

    /**
     * {@code previous} with the relations of {@code reread} (and those of {@code touched}, by their names then)
     * replaced by what was read of them now ({@code read}: {@link #relationRows}), and the schema-wide kinds given;
     * {@code defaults} are the default operator classes the read went by, if it knew them.
     */
    private static Snapshot merged(UnaryOperator<SchemaModel.Builder> read, Snapshot previous, Collection<Long> touched,
                                   Map<Long, ObjectName> reread, List<Schema> schemas, List<Extension> extensions,
                                   List<EnumType> enums, List<CompositeType> composites, List<Domain> domains,
                                   List<Function> functions, OpclassDefaults defaults) {
        InspectOptions options = previous.options();
        SchemaModel was = previous.model();
        // what the previous read held of the relations read again (by their names then and now) is replaced
        Set<ObjectName> gone = new HashSet<>(reread.values());
        Map<Long, ObjectName> relations = new HashMap<>(previous.relations());
        for (Collection<Long> oids : List.of(touched, reread.keySet())) {
            for (Long oid : oids) {
                ObjectName n = relations.remove(oid);
                if (n != null) {
                    gone.add(n);
                }
            }
        }
        relations.putAll(reread);
        Predicate<ObjectName> kept = n -> !gone.contains(n);
        SchemaModel.Builder b = SchemaModel.builder()
                .schemas(schemas)
                .extensions(extensions)
                .tables(was.tables().values().stream().filter(t -> kept.test(t.name())).toList())
                .views(was.views().values().stream().filter(v -> kept.test(v.name())).toList())
                .materializedViews(was.materializedViews().values().stream().filter(m -> kept.test(m.name())).toList())
                .indexes(was.indexes().values().stream()
                        .filter(i -> kept.test(i.name()) && kept.test(i.table())).toList())
                .sequences(was.sequences().values().stream().filter(s -> kept.test(s.name())).toList())
                .enums(enums)
                .compositeTypes(composites)
                .domains(domains)
                .functions(functions)
                .triggers(was.triggers().values().stream().filter(t -> kept.test(t.name().relation())).toList())
                .rules(was.rules().values().stream().filter(r -> kept.test(r.name().relation())).toList());
        SchemaModel model = read.apply(b).build();
        // the TimescaleDB settings are read whole (a policy is added without locking its hypertable)
        Set<ObjectName> around = new HashSet<>(gone);
        was.hypertables().keySet().forEach(around::add);
        model.hypertables().keySet().forEach(around::add);
        return new Snapshot(model, relations, options, true, around, defaults);
    }

    /**
     * Whether the tables, views and other relations not read again still print as they did: no type, enum label or
     * function that they could name was renamed or dropped (one added, or an enum label added, changes nothing of
     * theirs).
     */
    private static boolean stillPrintedAlike(SchemaModel was, List<EnumType> enums, List<CompositeType> composites,
                                             List<Domain> domains, List<Function> functions) {
        Map<ObjectName, EnumType> enumsNow = enums.stream().collect(Collectors.toMap(EnumType::name, e -> e));
        for (EnumType e : was.enums().values()) {
            EnumType now = enumsNow.get(e.name());
            if (now == null || !now.labels().containsAll(e.labels())) {
                return false;
            }
        }
        Set<ObjectName> compositesNow = composites.stream().map(CompositeType::name).collect(Collectors.toSet());
        Set<ObjectName> domainsNow = domains.stream().map(Domain::name).collect(Collectors.toSet());
        Set<Object> functionsNow = functions.stream().map(Function::key).collect(Collectors.toSet());
        return compositesNow.containsAll(was.compositeTypes().keySet())
                && domainsNow.containsAll(was.domains().keySet())
                && functionsNow.containsAll(was.functions().keySet());
    }

    private static SchemaModel read(Connection c, InspectOptions options) {
        Catalog catalog = new Catalog(c, options.includeExtensionObjects());
        catalog.loadComments();
        List<Schema> schemas = catalog.plain("schemas.sql", rs -> options.schemaIncluded(rs.getString("name"),
                        rs.getBoolean("extension_owned"))
                        ? new Schema(rs.getString("name"), catalog.comment("namespace", rs.getLong("oid")))
                        : null)
                .stream().filter(java.util.Objects::nonNull).toList();
        catalog.select(schemas.stream().map(Schema::name).toList());
        List<Extension> extensions = ObjectReader.extensions(catalog);
        Set<ObjectName> skip = options.excludeTables();
        Predicate<ObjectName> keep = n -> !skip.contains(n);
        SchemaModel.Builder b = SchemaModel.builder()
                .schemas(schemas)
                .extensions(extensions)
                .enums(TypeReader.enums(catalog))
                .compositeTypes(TypeReader.composites(catalog))
                .domains(TypeReader.domains(catalog))
                .functions(ObjectReader.functions(catalog));
        return addRelations(b, catalog, extensions, keep).build();
    }

    /**
     * Adds to {@code b} what the catalog reads of relations (all of them, or in a reread those of the only-parts) and
     * of what hangs on them: tables, views and materialized views (not the views of continuous aggregates), indexes
     * (not TimescaleDB's default ones), sequences, triggers, rules, and the hypertables and continuous aggregates
     * when TimescaleDB is among {@code extensions}; those on tables {@code keep} refuses are left out.
     */
    private static SchemaModel.Builder addRelations(SchemaModel.Builder b, Catalog catalog, List<Extension> extensions,
                                                    Predicate<ObjectName> keep) {
        return relationRows(catalog, extensions, keep).apply(b);
    }

    /**
     * What {@link #addRelations} adds, read from the catalog now (in the same order) and added to a builder when
     * the returned function is applied.
     */
    private static UnaryOperator<SchemaModel.Builder> relationRows(Catalog catalog, List<Extension> extensions,
                                                                   Predicate<ObjectName> keep) {
        List<Hypertable> hypertables = List.of();
        List<ContinuousAggregate> aggregates = List.of();
        if (extensions.stream().anyMatch(e -> e.name().equals(TIMESCALEDB))) {
            hypertables = TimescaleReader.hypertables(catalog);
            aggregates = TimescaleReader.continuousAggregates(catalog);
        }
        Set<ObjectName> aggregateNames = aggregates.stream().map(ContinuousAggregate::name).collect(Collectors.toSet());
        List<View> views = new ArrayList<>();
        List<MaterializedView> materialized = new ArrayList<>();
        for (Object v : ObjectReader.views(catalog)) {
            if (v instanceof View view && !aggregateNames.contains(view.name())) {
                views.add(view);
            } else if (v instanceof MaterializedView m) {
                materialized.add(m);
            }
        }
        var tables = TableReader.read(catalog).stream().filter(t -> keep.test(t.name())).toList();
        var indexes = TimescaleReader.withoutDefaultIndexes(IndexReader.read(catalog), hypertables).stream()
                .filter(i -> keep.test(i.table())).toList();
        var sequences = ObjectReader.sequences(catalog).stream()
                .filter(s -> s.ownedByTable() == null || keep.test(s.ownedByTable())).toList();
        var triggers = ObjectReader.triggers(catalog).stream().filter(t -> keep.test(t.name().relation())).toList();
        var rules = ObjectReader.rules(catalog).stream().filter(r -> keep.test(r.name().relation())).toList();
        var kept = hypertables.stream().filter(h -> keep.test(h.table())).toList();
        List<ContinuousAggregate> continuous = aggregates;
        return b -> b.tables(tables)
                .views(views)
                .materializedViews(materialized)
                .indexes(indexes)
                .sequences(sequences)
                .triggers(triggers)
                .rules(rules)
                .hypertables(kept)
                .continuousAggregates(continuous);
    }
}
