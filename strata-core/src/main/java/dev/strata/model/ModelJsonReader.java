package dev.strata.model;

import java.util.List;

/** Builds a {@link SchemaModel} from plain JSON values; the inverse of {@link ModelJsonWriter}. */
final class ModelJsonReader {
    private ModelJsonReader() {
    }

    static SchemaModel model(JsonIn in) {
        return in.make(() -> {
            long format = in.num("format");
            if (format != ModelJson.FORMAT) {
                throw in.error("format " + format + " is not supported (expected " + ModelJson.FORMAT + ")");
            }
            return SchemaModel.builder()
                    .schemas(each(in, "schemas", s -> new Schema(s.req("name"), s.str("comment"))))
                    .extensions(each(in, "extensions", e -> new Extension(e.req("name"), e.req("version"), e.req("schema"))))
                    .tables(each(in, "tables", ModelJsonReader::table))
                    .views(each(in, "views", v -> new View(v.reqName("name"), v.req("definition"),
                            v.strings("options"), v.str("comment"))))
                    .materializedViews(each(in, "materializedViews", v -> new MaterializedView(v.reqName("name"),
                            v.req("definition"), v.flag("populated", true), v.strings("options"), v.str("comment"))))
                    .indexes(each(in, "indexes", ModelJsonReader::index))
                    .sequences(each(in, "sequences", s -> new Sequence(s.reqName("name"),
                            sequenceOptions(required(s, "options")), s.name("ownedByTable"), s.str("ownedByColumn"),
                            s.str("comment"))))
                    .enums(each(in, "enums", e -> new EnumType(e.reqName("name"), e.strings("labels"), e.str("comment"))))
                    .compositeTypes(each(in, "compositeTypes", t -> new CompositeType(t.reqName("name"),
                            each(t, "attributes", a -> new TypeAttribute(a.req("name"), a.req("type"), a.str("collation"))),
                            t.str("comment"))))
                    .domains(each(in, "domains", ModelJsonReader::domain))
                    .functions(each(in, "functions", f -> new Function(f.reqName("name"), f.str("identityArguments"),
                            enumValue(f, "kind", Function.Kind.class), f.str("result"),
                            f.req("language"), f.req("definition"), f.str("comment"))))
                    .triggers(each(in, "triggers", t -> new Trigger(new MemberName(t.reqName("table"), t.req("name")),
                            t.req("definition"), single(t, "enabled"), t.str("comment"))))
                    .rules(each(in, "rules", r -> new Rule(new MemberName(r.reqName("table"), r.req("name")),
                            r.req("definition"), r.str("comment"))))
                    .hypertables(each(in, "hypertables", ModelJsonReader::hypertable))
                    .continuousAggregates(each(in, "continuousAggregates", c -> new ContinuousAggregate(
                            c.reqName("name"), c.reqName("hypertable"), c.req("definition"), c.flag("materializedOnly"),
                            refreshPolicy(c.object("refreshPolicy")))))
                    .build();
        });
    }

    private static <T> List<T> each(JsonIn in, String key, java.util.function.Function<JsonIn, T> one) {
        return in.objects(key).stream().map(o -> o.make(() -> one.apply(o))).toList();
    }

    private static JsonIn required(JsonIn in, String key) {
        JsonIn o = in.object(key);
        if (o == null) {
            throw in.error("\"" + key + "\" is missing");
        }
        return o;
    }

    private static <E extends Enum<E>> E enumValue(JsonIn in, String key, Class<E> type) {
        String v = in.req(key);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw in.error("\"" + key + "\" has unknown value " + v);
        }
    }

    private static char single(JsonIn in, String key) {
        String v = in.str(key);
        if (v == null) {
            return 'O';
        }
        if (v.length() != 1) {
            throw in.error("\"" + key + "\" must be one letter");
        }
        return v.charAt(0);
    }

    private static Table table(JsonIn t) {
        return new Table(t.reqName("name"), t.flag("partitioned"), t.str("partitionKey"), t.name("partitionOf"),
                t.str("partitionBound"), t.strings("inherits").stream().map(ObjectName::parse).toList(),
                t.flag("unlogged"), t.strings("options"), each(t, "columns", ModelJsonReader::column),
                each(t, "constraints", ModelJsonReader::constraint), t.str("comment"));
    }

    private static Column column(JsonIn c) {
        JsonIn id = c.object("identity");
        Identity identity = id == null ? null : id.make(() -> new Identity(
                enumValue(id, "generation", Identity.Generation.class), sequenceOptions(required(id, "sequence"))));
        return new Column(c.req("name"), c.req("type"), c.flag("notNull"), c.str("default"), identity,
                c.str("generated"), c.str("collation"), c.flag("inherited"), c.str("comment"));
    }

    private static SequenceOptions sequenceOptions(JsonIn o) {
        return o.make(() -> new SequenceOptions(o.req("dataType"), o.num("start"), o.num("increment"), o.num("min"),
                o.num("max"), o.num("cache"), o.flag("cycle")));
    }

    static Constraint constraint(JsonIn c) {
        String type = c.req("type");
        String name = c.req("name");
        String definition = c.req("definition");
        boolean validated = c.flag("validated", true);
        boolean deferrable = c.flag("deferrable");
        boolean deferred = c.flag("initiallyDeferred");
        boolean inherited = c.flag("inherited");
        String comment = c.str("comment");
        switch (type) {
            case "primaryKey":
                return new PrimaryKey(name, c.strings("columns"), definition, deferrable, deferred, inherited, comment);
            case "unique":
                return new Unique(name, c.strings("columns"), definition, deferrable, deferred, inherited, comment);
            case "foreignKey":
                return new ForeignKey(name, c.strings("columns"), c.reqName("referencedTable"),
                        c.strings("referencedColumns"), enumValue(c, "onUpdate", ReferentialAction.class),
                        enumValue(c, "onDelete", ReferentialAction.class), enumValue(c, "match", MatchType.class),
                        definition, validated, deferrable, deferred, inherited, comment);
            case "check":
                return new Check(name, definition, validated, c.flag("noInherit"), inherited, comment);
            case "exclusion":
                return new Exclusion(name, c.strings("columns"), definition, deferrable, deferred, inherited, comment);
            default:
                throw c.error("unknown constraint type " + type
                        + " (expected primaryKey, unique, foreignKey, check or exclusion)");
        }
    }

    private static Index index(JsonIn i) {
        return new Index(i.reqName("name"), i.reqName("table"), i.flag("unique"), i.req("method"),
                each(i, "keys", k -> new IndexKey(k.req("expression"), k.str("collation"), k.str("opclass"),
                        k.strings("opclassParams"), k.flag("descending"), k.flag("nullsFirst"))),
                i.strings("include"), i.str("predicate"), i.req("definition"), i.flag("valid", true),
                i.str("constraint"), i.name("parentIndex"), i.str("comment"));
    }

    private static Domain domain(JsonIn d) {
        return new Domain(d.reqName("name"), d.req("baseType"), d.flag("notNull"), d.str("default"),
                d.str("collation"), each(d, "checks", c -> new DomainCheck(c.req("name"), c.req("definition"),
                c.flag("validated", true))), d.str("comment"));
    }

    private static Hypertable hypertable(JsonIn h) {
        JsonIn c = h.object("compression");
        Hypertable.Compression compression = c == null ? null
                : c.make(() -> new Hypertable.Compression(c.strings("segmentBy"), c.strings("orderBy")));
        JsonIn r = h.object("reorderPolicy");
        return new Hypertable(h.reqName("table"), h.req("timeColumn"), h.req("chunkInterval"),
                each(h, "spaceDimensions", d -> new Hypertable.Dimension(d.req("column"), (int) d.num("partitions"),
                        d.str("interval"))),
                h.flag("defaultIndexes", true), compression, policy(h.object("compressionPolicy")),
                policy(h.object("retentionPolicy")),
                r == null ? null : r.make(() -> new Hypertable.ReorderPolicy(r.req("index"), r.req("scheduleInterval"))));
    }

    private static Hypertable.Policy policy(JsonIn p) {
        return p == null ? null : p.make(() -> new Hypertable.Policy(p.req("after"), p.req("scheduleInterval")));
    }

    private static ContinuousAggregate.RefreshPolicy refreshPolicy(JsonIn p) {
        return p == null ? null : p.make(() -> new ContinuousAggregate.RefreshPolicy(p.str("startOffset"),
                p.str("endOffset"), p.req("scheduleInterval")));
    }
}
