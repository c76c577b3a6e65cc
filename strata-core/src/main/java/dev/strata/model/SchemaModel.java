package dev.strata.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;

/**
 * The objects of a database, each kind in a map sorted by its name. Invariants: every map is unmodifiable
 * and sorted; each key is its value's own name ({@link Function#key()} for functions); the model is
 * immutable, so equal databases give equal models. Build one with {@link #builder()}.
 *
 * @param schemas              schemas by name
 * @param extensions           installed extensions by name
 * @param tables               tables, including partitions
 * @param views                views
 * @param materializedViews    materialized views
 * @param indexes              indexes of tables and materialized views
 * @param sequences            stand-alone sequences (not identity sequences)
 * @param enums                enum types
 * @param compositeTypes       composite types
 * @param domains              domains
 * @param functions            functions and procedures by {@link Function#key()}
 * @param triggers             triggers by relation and name
 * @param rules                rules by relation and name
 * @param hypertables          TimescaleDB hypertables (empty without TimescaleDB)
 * @param continuousAggregates TimescaleDB continuous aggregates (empty without TimescaleDB)
 */
public record SchemaModel(SortedMap<String, Schema> schemas, SortedMap<String, Extension> extensions,
                          SortedMap<ObjectName, Table> tables, SortedMap<ObjectName, View> views,
                          SortedMap<ObjectName, MaterializedView> materializedViews,
                          SortedMap<ObjectName, Index> indexes, SortedMap<ObjectName, Sequence> sequences,
                          SortedMap<ObjectName, EnumType> enums, SortedMap<ObjectName, CompositeType> compositeTypes,
                          SortedMap<ObjectName, Domain> domains, SortedMap<ObjectName, Function> functions,
                          SortedMap<MemberName, Trigger> triggers, SortedMap<MemberName, Rule> rules,
                          SortedMap<ObjectName, Hypertable> hypertables,
                          SortedMap<ObjectName, ContinuousAggregate> continuousAggregates) {
    public SchemaModel {
        schemas = Names.sorted(schemas);
        extensions = Names.sorted(extensions);
        tables = Names.sorted(tables);
        views = Names.sorted(views);
        materializedViews = Names.sorted(materializedViews);
        indexes = Names.sorted(indexes);
        sequences = Names.sorted(sequences);
        enums = Names.sorted(enums);
        compositeTypes = Names.sorted(compositeTypes);
        domains = Names.sorted(domains);
        functions = Names.sorted(functions);
        triggers = Names.sorted(triggers);
        rules = Names.sorted(rules);
        hypertables = Names.sorted(hypertables);
        continuousAggregates = Names.sorted(continuousAggregates);
        checkKeys(schemas, Schema::name);
        checkKeys(extensions, Extension::name);
        checkKeys(tables, Table::name);
        checkKeys(views, View::name);
        checkKeys(materializedViews, MaterializedView::name);
        checkKeys(indexes, Index::name);
        checkKeys(sequences, Sequence::name);
        checkKeys(enums, EnumType::name);
        checkKeys(compositeTypes, CompositeType::name);
        checkKeys(domains, Domain::name);
        checkKeys(functions, Function::key);
        checkKeys(triggers, Trigger::name);
        checkKeys(rules, Rule::name);
        checkKeys(hypertables, Hypertable::table);
        checkKeys(continuousAggregates, ContinuousAggregate::name);
    }

    private static <K, V> void checkKeys(SortedMap<K, V> map, java.util.function.Function<V, K> key) {
        map.forEach((k, v) -> {
            if (!k.equals(key.apply(v))) {
                throw new IllegalArgumentException("model key " + k + " does not match its object " + key.apply(v));
            }
        });
    }

    /** A model with nothing in it. */
    public static SchemaModel empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The indexes of one table or materialized view, sorted by name. */
    public List<Index> indexesOn(ObjectName relation) {
        return indexes.values().stream().filter(i -> i.table().equals(relation)).toList();
    }

    /** The triggers of one table or view, sorted by name. */
    public List<Trigger> triggersOn(ObjectName relation) {
        return triggers.values().stream().filter(t -> t.name().relation().equals(relation)).toList();
    }

    /** Collects objects for a {@link SchemaModel}; not thread-safe, and not a value itself. */
    public static final class Builder {
        private final List<Schema> schemas = new ArrayList<>();
        private final List<Extension> extensions = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<View> views = new ArrayList<>();
        private final List<MaterializedView> materializedViews = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private final List<Sequence> sequences = new ArrayList<>();
        private final List<EnumType> enums = new ArrayList<>();
        private final List<CompositeType> compositeTypes = new ArrayList<>();
        private final List<Domain> domains = new ArrayList<>();
        private final List<Function> functions = new ArrayList<>();
        private final List<Trigger> triggers = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private final List<Hypertable> hypertables = new ArrayList<>();
        private final List<ContinuousAggregate> continuousAggregates = new ArrayList<>();

        private Builder() {
        }

        public Builder schemas(Collection<Schema> v) { schemas.addAll(v); return this; }
        public Builder extensions(Collection<Extension> v) { extensions.addAll(v); return this; }
        public Builder tables(Collection<Table> v) { tables.addAll(v); return this; }
        public Builder views(Collection<View> v) { views.addAll(v); return this; }
        public Builder materializedViews(Collection<MaterializedView> v) { materializedViews.addAll(v); return this; }
        public Builder indexes(Collection<Index> v) { indexes.addAll(v); return this; }
        public Builder sequences(Collection<Sequence> v) { sequences.addAll(v); return this; }
        public Builder enums(Collection<EnumType> v) { enums.addAll(v); return this; }
        public Builder compositeTypes(Collection<CompositeType> v) { compositeTypes.addAll(v); return this; }
        public Builder domains(Collection<Domain> v) { domains.addAll(v); return this; }
        public Builder functions(Collection<Function> v) { functions.addAll(v); return this; }
        public Builder triggers(Collection<Trigger> v) { triggers.addAll(v); return this; }
        public Builder rules(Collection<Rule> v) { rules.addAll(v); return this; }
        public Builder hypertables(Collection<Hypertable> v) { hypertables.addAll(v); return this; }
        public Builder continuousAggregates(Collection<ContinuousAggregate> v) { continuousAggregates.addAll(v); return this; }

        /** The model; fails on two objects of one kind with the same name. */
        public SchemaModel build() {
            return new SchemaModel(Names.byKey(schemas, Schema::name), Names.byKey(extensions, Extension::name),
                    Names.byKey(tables, Table::name), Names.byKey(views, View::name),
                    Names.byKey(materializedViews, MaterializedView::name), Names.byKey(indexes, Index::name),
                    Names.byKey(sequences, Sequence::name), Names.byKey(enums, EnumType::name),
                    Names.byKey(compositeTypes, CompositeType::name), Names.byKey(domains, Domain::name),
                    Names.byKey(functions, Function::key), Names.byKey(triggers, Trigger::name),
                    Names.byKey(rules, Rule::name), Names.byKey(hypertables, Hypertable::table),
                    Names.byKey(continuousAggregates, ContinuousAggregate::name));
        }
    }
}
