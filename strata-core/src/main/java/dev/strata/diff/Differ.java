package dev.strata.diff;

import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns two schema models into the ops that change the first into the second, in dependency order (see
 * {@link Phase}). Pure and deterministic: the same models and options give the same result. The downgrade of
 * a diff is {@code diff(to, from)}, computed from the models rather than guessed from the ops.
 */
public final class Differ {
    public DiffResult diff(SchemaModel from, SchemaModel to, DiffOptions options) {
        Objects.requireNonNull(options, "options");
        SchemaModel a = filter(Objects.requireNonNull(from, "from"), options);
        SchemaModel b = filter(Objects.requireNonNull(to, "to"), options);
        DiffContext rename = new DiffContext(a, b, options);
        SchemaModel renamed = Renames.apply(rename, a, b);
        DiffContext cx = new DiffContext(renamed, b, options);
        rename.ordered().forEach(op -> cx.add(Phase.RENAMES, op));
        SchemaDiffer.diff(cx);
        TypeDiffer.diff(cx);
        SequenceDiffer.diff(cx);
        TableDiffer.diff(cx);
        ConstraintDiffer.diff(cx);
        Set<ObjectName> rebuilt = ViewDiffer.diff(cx);
        IndexDiffer.diff(cx, rebuilt);
        RoutineDiffer.diff(cx, rebuilt);
        CommentDiffer.diff(cx);
        HypertableDiffer.diff(cx);
        ContinuousAggregateDiffer.diff(cx);
        return new DiffResult(cx.ordered(), cx.destructive, cx.unsupported, cx.notes,
                RenameDetector.detect(renamed, b));
    }

    /** The model restricted to the schemas the options include. */
    static SchemaModel filter(SchemaModel m, DiffOptions options) {
        if (options.includeSchemas().isEmpty() && options.excludeSchemas().isEmpty()) {
            return m;
        }
        Predicate<ObjectName> in = n -> options.includes(n.schema());
        return SchemaModel.builder()
                .schemas(m.schemas().values().stream().filter(s -> options.includes(s.name())).toList())
                .extensions(m.extensions().values().stream().filter(e -> options.includes(e.schema())).toList())
                .tables(m.tables().values().stream().filter(t -> in.test(t.name())).toList())
                .views(m.views().values().stream().filter(v -> in.test(v.name())).toList())
                .materializedViews(m.materializedViews().values().stream().filter(v -> in.test(v.name())).toList())
                .indexes(m.indexes().values().stream().filter(i -> in.test(i.name())).toList())
                .sequences(m.sequences().values().stream().filter(s -> in.test(s.name())).toList())
                .enums(m.enums().values().stream().filter(e -> in.test(e.name())).toList())
                .compositeTypes(m.compositeTypes().values().stream().filter(e -> in.test(e.name())).toList())
                .domains(m.domains().values().stream().filter(e -> in.test(e.name())).toList())
                .functions(m.functions().values().stream().filter(f -> in.test(f.name())).toList())
                .triggers(m.triggers().values().stream().filter(t -> in.test(t.name().relation())).toList())
                .rules(m.rules().values().stream().filter(r -> in.test(r.name().relation())).toList())
                .hypertables(m.hypertables().values().stream().filter(h -> in.test(h.table())).toList())
                .continuousAggregates(m.continuousAggregates().values().stream().filter(c -> in.test(c.name())).toList())
                .build();
    }
}
