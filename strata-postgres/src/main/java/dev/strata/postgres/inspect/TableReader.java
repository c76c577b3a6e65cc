package dev.strata.postgres.inspect;

import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.Constraint;
import dev.strata.model.Exclusion;
import dev.strata.model.ForeignKey;
import dev.strata.model.Identity;
import dev.strata.model.MatchType;
import dev.strata.model.ObjectName;
import dev.strata.model.PrimaryKey;
import dev.strata.model.ReferentialAction;
import dev.strata.model.SequenceOptions;
import dev.strata.model.Table;
import dev.strata.model.Unique;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads tables with their columns and constraints: three bulk queries, joined here by table oid. */
final class TableReader {
    private record Row(long oid, Table table) {
    }

    private record Member<T>(long tableOid, T value) {
    }

    private TableReader() {
    }

    static List<Table> read(Catalog catalog) {
        Map<Long, List<Column>> columns = new HashMap<>();
        for (Member<Column> m : catalog.filtered("columns.sql", rs -> column(rs, catalog))) {
            columns.computeIfAbsent(m.tableOid(), k -> new ArrayList<>()).add(m.value());
        }
        Map<Long, List<Constraint>> constraints = new HashMap<>();
        for (Member<Constraint> m : catalog.filtered("constraints.sql", rs -> constraint(rs, catalog))) {
            constraints.computeIfAbsent(m.tableOid(), k -> new ArrayList<>()).add(m.value());
        }
        return catalog.filtered("tables.sql", rs -> table(rs, catalog)).stream()
                .map(r -> r.table()
                        .withColumns(columns.getOrDefault(r.oid(), List.of()))
                        .withConstraints(constraints.getOrDefault(r.oid(), List.of())))
                .toList();
    }

    private static Row table(ResultSet rs, Catalog catalog) throws SQLException {
        long oid = rs.getLong("oid");
        ObjectName name = new ObjectName(rs.getString("schema"), rs.getString("name"));
        List<String> parentSchemas = Catalog.strings(rs, "parent_schemas");
        List<String> parentNames = Catalog.strings(rs, "parent_names");
        List<ObjectName> parents = new ArrayList<>();
        for (int i = 0; i < parentNames.size(); i++) {
            parents.add(new ObjectName(parentSchemas.get(i), parentNames.get(i)));
        }
        boolean partition = rs.getBoolean("is_partition");
        ObjectName partitionOf = partition ? parents.get(0) : null;
        Table table = new Table(name, rs.getBoolean("partitioned"), rs.getString("partition_key"), partitionOf,
                rs.getString("partition_bound"), partition ? List.of() : parents, rs.getBoolean("unlogged"),
                Catalog.strings(rs, "options"), List.of(), List.of(), catalog.comment("class", oid));
        return new Row(oid, table);
    }

    private static Member<Column> column(ResultSet rs, Catalog catalog) throws SQLException {
        long tableOid = rs.getLong("table_oid");
        String identityCode = rs.getString("identity");
        Identity identity = null;
        if (identityCode != null && !identityCode.isEmpty()) {
            identity = new Identity(identityCode.equals("a") ? Identity.Generation.ALWAYS : Identity.Generation.BY_DEFAULT,
                    sequenceOptions(rs));
        }
        Column column = new Column(rs.getString("name"), rs.getString("type"), rs.getBoolean("not_null"),
                rs.getString("default_sql"), identity, rs.getString("generated"), rs.getString("collation"),
                rs.getBoolean("inherited"), catalog.comment("class", tableOid, rs.getInt("attnum")));
        return new Member<>(tableOid, column);
    }

    /** The seq_type, seqstart … seqcycle columns of a row. */
    static SequenceOptions sequenceOptions(ResultSet rs) throws SQLException {
        return new SequenceOptions(rs.getString("seq_type"), rs.getLong("seqstart"), rs.getLong("seqincrement"),
                rs.getLong("seqmin"), rs.getLong("seqmax"), rs.getLong("seqcache"), rs.getBoolean("seqcycle"));
    }

    private static Member<Constraint> constraint(ResultSet rs, Catalog catalog) throws SQLException {
        long tableOid = rs.getLong("table_oid");
        String name = rs.getString("name");
        String type = rs.getString("type");
        String definition = rs.getString("definition");
        boolean deferrable = rs.getBoolean("deferrable");
        boolean deferred = rs.getBoolean("deferred");
        boolean validated = rs.getBoolean("validated");
        boolean inherited = rs.getBoolean("inherited");
        List<String> columns = Catalog.strings(rs, "columns");
        String comment = catalog.comment("constraint", rs.getLong("oid"));
        Constraint c;
        switch (type) {
            case "p" -> c = new PrimaryKey(name, columns, definition, deferrable, deferred, inherited, comment);
            case "u" -> c = new Unique(name, columns, definition, deferrable, deferred, inherited, comment);
            case "f" -> c = new ForeignKey(name, columns, new ObjectName(rs.getString("ref_schema"), rs.getString("ref_table")),
                    Catalog.strings(rs, "ref_columns"), action(rs.getString("on_update")), action(rs.getString("on_delete")),
                    match(rs.getString("match")), definition, validated, deferrable, deferred, inherited, comment);
            case "c" -> c = new Check(name, definition, validated, rs.getBoolean("no_inherit"), inherited, comment);
            case "x" -> c = new Exclusion(name, columns, definition, deferrable, deferred, inherited, comment);
            default -> throw new IllegalStateException("unexpected constraint type " + type);
        }
        return new Member<>(tableOid, c);
    }

    private static ReferentialAction action(String code) {
        return switch (code) {
            case "a" -> ReferentialAction.NO_ACTION;
            case "r" -> ReferentialAction.RESTRICT;
            case "c" -> ReferentialAction.CASCADE;
            case "n" -> ReferentialAction.SET_NULL;
            case "d" -> ReferentialAction.SET_DEFAULT;
            default -> throw new IllegalStateException("unexpected foreign key action " + code);
        };
    }

    private static MatchType match(String code) {
        return switch (code) {
            case "s" -> MatchType.SIMPLE;
            case "f" -> MatchType.FULL;
            case "p" -> MatchType.PARTIAL;
            default -> throw new IllegalStateException("unexpected foreign key match type " + code);
        };
    }
}
