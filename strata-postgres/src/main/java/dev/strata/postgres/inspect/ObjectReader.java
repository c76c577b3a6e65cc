package dev.strata.postgres.inspect;

import dev.strata.model.Extension;
import dev.strata.model.Function;
import dev.strata.model.MaterializedView;
import dev.strata.model.MemberName;
import dev.strata.model.ObjectName;
import dev.strata.model.Rule;
import dev.strata.model.Sequence;
import dev.strata.model.Trigger;
import dev.strata.model.View;

import java.util.List;

/** Reads sequences, views, functions, triggers, rules and extensions: one query each (views with matviews). */
final class ObjectReader {
    private ObjectReader() {
    }

    static List<Extension> extensions(Catalog catalog) {
        return catalog.plain("extensions.sql",
                rs -> new Extension(rs.getString("name"), rs.getString("version"), rs.getString("schema")));
    }

    static List<Sequence> sequences(Catalog catalog) {
        return catalog.filtered("sequences.sql", rs -> {
            String ownerTable = rs.getString("owner_table");
            return new Sequence(TypeReader.name(rs), TableReader.sequenceOptions(rs),
                    ownerTable == null ? null : new ObjectName(rs.getString("owner_schema"), ownerTable),
                    rs.getString("owner_column"), catalog.comment("class", rs.getLong("oid")));
        });
    }

    /** Views and materialized views, read together: each element is a {@link View} or a {@link MaterializedView}. */
    static List<Object> views(Catalog catalog) {
        return catalog.filtered("views.sql", rs -> {
            String comment = catalog.comment("class", rs.getLong("oid"));
            List<String> options = Catalog.strings(rs, "options");
            if (rs.getBoolean("materialized")) {
                return new MaterializedView(TypeReader.name(rs), rs.getString("definition"), rs.getBoolean("populated"),
                        options, comment);
            }
            return new View(TypeReader.name(rs), rs.getString("definition"), options, comment);
        });
    }

    static List<Function> functions(Catalog catalog) {
        return catalog.filtered("functions.sql", rs -> {
            String kind = rs.getString("kind");
            Function.Kind k = switch (kind) {
                case "f" -> Function.Kind.FUNCTION;
                case "p" -> Function.Kind.PROCEDURE;
                case "w" -> Function.Kind.WINDOW;
                default -> throw new IllegalStateException("unexpected prokind " + kind);
            };
            return new Function(TypeReader.name(rs), rs.getString("identity_arguments"), k, rs.getString("result"),
                    rs.getString("language"), rs.getString("definition"), catalog.comment("proc", rs.getLong("oid")));
        });
    }

    static List<Trigger> triggers(Catalog catalog) {
        return catalog.filtered("triggers.sql", rs -> new Trigger(member(rs.getString("schema"),
                rs.getString("table_name"), rs.getString("name")), rs.getString("definition"),
                rs.getString("enabled").charAt(0), catalog.comment("trigger", rs.getLong("oid"))));
    }

    static List<Rule> rules(Catalog catalog) {
        return catalog.filtered("rules.sql", rs -> new Rule(member(rs.getString("schema"), rs.getString("table_name"),
                rs.getString("name")), rs.getString("definition"), catalog.comment("rule", rs.getLong("oid"))));
    }

    private static MemberName member(String schema, String table, String name) {
        return new MemberName(new ObjectName(schema, table), name);
    }
}
