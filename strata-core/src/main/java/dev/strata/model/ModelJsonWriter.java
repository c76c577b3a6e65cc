package dev.strata.model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a {@link SchemaModel} into plain JSON values; the layout is documented on {@link ModelJson}. */
final class ModelJsonWriter {
    private ModelJsonWriter() {
    }

    static Map<String, Object> model(SchemaModel m) {
        return new JsonOut()
                .num("format", ModelJson.FORMAT)
                .list("schemas", all(m.schemas(), s -> new JsonOut().str("name", s.name()).str("comment", s.comment())))
                .list("extensions", all(m.extensions(), e -> new JsonOut()
                        .str("name", e.name()).str("version", e.version()).str("schema", e.schema())))
                .list("tables", all(m.tables(), ModelJsonWriter::table))
                .list("views", all(m.views(), v -> new JsonOut().name("name", v.name())
                        .str("definition", v.definition()).list("options", v.options()).str("comment", v.comment())))
                .list("materializedViews", all(m.materializedViews(), v -> new JsonOut().name("name", v.name())
                        .str("definition", v.definition()).flag("populated", v.populated(), true)
                        .list("options", v.options()).str("comment", v.comment())))
                .list("indexes", all(m.indexes(), ModelJsonWriter::index))
                .list("sequences", all(m.sequences(), s -> new JsonOut().name("name", s.name())
                        .object("options", sequenceOptions(s.options()))
                        .name("ownedByTable", s.ownedByTable()).str("ownedByColumn", s.ownedByColumn())
                        .str("comment", s.comment())))
                .list("enums", all(m.enums(), e -> new JsonOut().name("name", e.name())
                        .list("labels", e.labels()).str("comment", e.comment())))
                .list("compositeTypes", all(m.compositeTypes(), t -> new JsonOut().name("name", t.name())
                        .list("attributes", t.attributes().stream().map(a -> new JsonOut().str("name", a.name())
                                .str("type", a.type()).str("collation", a.collation()).map()).toList())
                        .str("comment", t.comment())))
                .list("domains", all(m.domains(), ModelJsonWriter::domain))
                .list("functions", all(m.functions(), f -> new JsonOut().name("name", f.name())
                        .str("identityArguments", f.identityArguments()).str("kind", f.kind().name())
                        .str("result", f.result()).str("language", f.language())
                        .str("definition", f.definition()).str("comment", f.comment())))
                .list("triggers", all(m.triggers(), t -> new JsonOut().name("table", t.name().relation())
                        .str("name", t.name().name()).str("definition", t.definition())
                        .str("enabled", String.valueOf(t.enabled())).str("comment", t.comment())))
                .list("rules", all(m.rules(), r -> new JsonOut().name("table", r.name().relation())
                        .str("name", r.name().name()).str("definition", r.definition()).str("comment", r.comment())))
                .list("hypertables", all(m.hypertables(), ModelJsonWriter::hypertable))
                .list("continuousAggregates", all(m.continuousAggregates(), c -> new JsonOut()
                        .name("name", c.name()).name("hypertable", c.hypertable()).str("definition", c.definition())
                        .flag("materializedOnly", c.materializedOnly())
                        .object("refreshPolicy", c.refreshPolicy() == null ? null : new JsonOut()
                                .str("startOffset", c.refreshPolicy().startOffset())
                                .str("endOffset", c.refreshPolicy().endOffset())
                                .str("scheduleInterval", c.refreshPolicy().scheduleInterval()).map())))
                .map();
    }

    private static <V> List<Map<String, Object>> all(Map<?, V> map, Function<V, JsonOut> one) {
        return map.values().stream().map(v -> one.apply(v).map()).toList();
    }

    private static JsonOut table(Table t) {
        return new JsonOut()
                .name("name", t.name())
                .flag("partitioned", t.partitioned())
                .str("partitionKey", t.partitionKey())
                .name("partitionOf", t.partitionOf())
                .str("partitionBound", t.partitionBound())
                .list("inherits", t.inherits().stream().map(ObjectName::toString).toList())
                .flag("unlogged", t.unlogged())
                .list("options", t.options())
                .list("columns", t.columns().stream().map(c -> column(c).map()).toList())
                .list("constraints", t.constraints().stream().map(c -> constraint(c).map()).toList())
                .str("comment", t.comment());
    }

    private static JsonOut column(Column c) {
        return new JsonOut()
                .str("name", c.name())
                .str("type", c.type())
                .flag("notNull", c.notNull())
                .str("default", c.defaultSql())
                .object("identity", c.identity() == null ? null : new JsonOut()
                        .str("generation", c.identity().generation().name())
                        .object("sequence", sequenceOptions(c.identity().sequence())).map())
                .str("generated", c.generated())
                .str("collation", c.collation())
                .flag("inherited", c.inherited())
                .str("comment", c.comment());
    }

    private static Map<String, Object> sequenceOptions(SequenceOptions o) {
        return new JsonOut().str("dataType", o.dataType()).num("start", o.start()).num("increment", o.increment())
                .num("min", o.min()).num("max", o.max()).num("cache", o.cache()).flag("cycle", o.cycle()).map();
    }

    static JsonOut constraint(Constraint c) {
        JsonOut out = new JsonOut().str("name", c.name());
        if (c instanceof PrimaryKey p) {
            out.str("type", "primaryKey").list("columns", p.columns());
        } else if (c instanceof Unique u) {
            out.str("type", "unique").list("columns", u.columns());
        } else if (c instanceof ForeignKey f) {
            out.str("type", "foreignKey").list("columns", f.columns()).name("referencedTable", f.referencedTable())
                    .list("referencedColumns", f.referencedColumns()).str("onUpdate", f.onUpdate().name())
                    .str("onDelete", f.onDelete().name()).str("match", f.match().name());
        } else if (c instanceof Check k) {
            out.str("type", "check").flag("noInherit", k.noInherit());
        } else if (c instanceof Exclusion x) {
            out.str("type", "exclusion").list("columns", x.columns());
        } else {
            throw new IllegalStateException("unknown constraint kind " + c.getClass().getName());
        }
        return out.str("definition", c.definition())
                .flag("validated", c.validated(), true)
                .flag("deferrable", c.deferrable())
                .flag("initiallyDeferred", c.initiallyDeferred())
                .flag("inherited", c.inherited())
                .str("comment", c.comment());
    }

    private static JsonOut index(Index i) {
        return new JsonOut()
                .name("name", i.name())
                .name("table", i.table())
                .flag("unique", i.unique())
                .str("method", i.method())
                .list("keys", i.keys().stream().map(k -> new JsonOut().str("expression", k.expression())
                        .str("collation", k.collation()).str("opclass", k.opclass())
                        .list("opclassParams", k.opclassParams()).flag("descending", k.descending())
                        .flag("nullsFirst", k.nullsFirst()).map()).toList())
                .list("include", i.include())
                .str("predicate", i.predicate())
                .str("definition", i.definition())
                .flag("valid", i.valid(), true)
                .str("constraint", i.constraint())
                .name("parentIndex", i.parentIndex())
                .str("comment", i.comment());
    }

    private static JsonOut domain(Domain d) {
        return new JsonOut()
                .name("name", d.name())
                .str("baseType", d.baseType())
                .flag("notNull", d.notNull())
                .str("default", d.defaultSql())
                .str("collation", d.collation())
                .list("checks", d.checks().stream().map(c -> new JsonOut().str("name", c.name())
                        .str("definition", c.definition()).flag("validated", c.validated(), true).map()).toList())
                .str("comment", d.comment());
    }

    private static JsonOut hypertable(Hypertable h) {
        return new JsonOut()
                .name("table", h.table())
                .str("timeColumn", h.timeColumn())
                .str("chunkInterval", h.chunkInterval())
                .object("compression", h.compression() == null ? null : new JsonOut()
                        .list("segmentBy", h.compression().segmentBy())
                        .list("orderBy", h.compression().orderBy()).map())
                .list("spaceDimensions", h.spaceDimensions().stream().map(d -> new JsonOut().str("column", d.column())
                        .num("partitions", d.partitions()).str("interval", d.interval()).map()).toList())
                .flag("defaultIndexes", h.defaultIndexes(), true)
                .object("compressionPolicy", policy(h.compressionPolicy()))
                .object("retentionPolicy", policy(h.retentionPolicy()))
                .object("reorderPolicy", h.reorderPolicy() == null ? null : new JsonOut()
                        .str("index", h.reorderPolicy().index())
                        .str("scheduleInterval", h.reorderPolicy().scheduleInterval()).map());
    }

    private static Map<String, Object> policy(Hypertable.Policy p) {
        return p == null ? null : new JsonOut().str("after", p.after()).str("scheduleInterval", p.scheduleInterval()).map();
    }
}
