package dev.strata.model;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelJsonTest {
    private static ObjectName n(String schema, String name) {
        return new ObjectName(schema, name);
    }

    /** A model with one object of every kind and every optional field set somewhere. */
    static SchemaModel everything() {
        SequenceOptions seq = new SequenceOptions("bigint", 10, 2, 1, Long.MAX_VALUE, 1, false);
        Table customer = new Table(n("app", "customer"), false, null, null, null, List.of(), true, List.of("fillfactor=80"),
                List.of(new Column("id", "bigint", true, null, new Identity(Identity.Generation.ALWAYS, seq), null, null,
                                false, null),
                        new Column("name", "text", true, "'x'::text", null, null, "\"C\"", false, "display\nname \"quoted\""),
                        new Column("upper", "text", false, null, null, "upper(name)", null, false, null)),
                List.of(new PrimaryKey("customer_pkey", List.of("id"), "PRIMARY KEY (id)", false, false, false, null),
                        new Unique("customer_name_key", List.of("name"), "UNIQUE (name) DEFERRABLE", true, false, false, "u"),
                        new Check("customer_name_check", "CHECK ((name <> ''::text)) NOT VALID", false, true, false, null),
                        new Exclusion("customer_x", List.of("id"), "EXCLUDE USING gist (id WITH =)", true, true, false, null)),
                "who pays");
        Table event = new Table(n("app", "event"), true, "RANGE (at)", null, null, List.of(), false, List.of(),
                List.of(Column.of("at", "timestamp with time zone")), List.of(), null);
        Table part = new Table(n("app", "event_2024"), false, null, n("app", "event"), "DEFAULT", List.of(), false,
                List.of(), List.of(new Column("at", "timestamp with time zone", false, null, null, null, null, true, null)),
                List.of(new ForeignKey("fk", List.of("at"), n("app", "other"), List.of("at"), ReferentialAction.CASCADE,
                        ReferentialAction.SET_NULL, MatchType.FULL, "FOREIGN KEY (at) REFERENCES app.other(at)", false,
                        true, false, true, null)), null);
        Table child = new Table(n("app", "dog"), false, null, null, null, List.of(n("app", "animal"), n("x.y", "z")),
                false, List.of(), List.of(), List.of(), null);
        return SchemaModel.builder()
                .schemas(List.of(new Schema("app", "objects"), new Schema("x.y", null)))
                .extensions(List.of(new Extension("ltree", "1.2", "public")))
                .tables(List.of(part, customer, event, child))
                .views(List.of(new View(n("app", "v"), " SELECT 1;", List.of("security_barrier=true"), "c")))
                .materializedViews(List.of(new MaterializedView(n("app", "mv"), " SELECT 1;", false, List.of(), null)))
                .indexes(List.of(new Index(n("app", "customer_name_idx"), n("app", "customer"), true, "btree",
                        List.of(new IndexKey("lower(name)", "\"C\"", "pg_catalog.text_pattern_ops", List.of("siglen=8"),
                                true, false)), List.of("id"), "name <> ''::text",
                        "CREATE UNIQUE INDEX customer_name_idx ON app.customer USING btree (lower(name))", false,
                        "customer_name_key", n("app", "parent_idx"), "idx")))
                .sequences(List.of(new Sequence(n("app", "s"), seq, n("app", "customer"), "id", null)))
                .enums(List.of(new EnumType(n("app", "status"), List.of("new", "old"), null)))
                .compositeTypes(List.of(new CompositeType(n("app", "pair"),
                        List.of(new TypeAttribute("a", "integer", null), new TypeAttribute("b", "text", "\"C\"")), null)))
                .domains(List.of(new Domain(n("app", "email"), "text", true, "'a@b'::text", null,
                        List.of(new DomainCheck("email_check", "CHECK ((VALUE ~~ '%@%'::text))", false)), null)))
                .functions(List.of(new Function(n("app", "add"), "a integer", Function.Kind.FUNCTION, "integer", "sql",
                                "CREATE OR REPLACE FUNCTION app.add(a integer)\n RETURNS integer\n", "adds"),
                        new Function(n("app", "p"), "", Function.Kind.PROCEDURE, null, "plpgsql", "CREATE PROCEDURE …", null)))
                .triggers(List.of(new Trigger(new MemberName(n("app", "customer"), "t"), "CREATE TRIGGER t …", 'D', null)))
                .rules(List.of(new Rule(new MemberName(n("app", "customer"), "r"), "CREATE RULE r …", null)))
                .hypertables(List.of(new Hypertable(n("app", "event"), "at", "7 days",
                        List.of(new Hypertable.Dimension("device", 4, null)), false,
                        new Hypertable.Compression(List.of("device"), List.of("at DESC")),
                        new Hypertable.Policy("30 days", "12:00:00"), new Hypertable.Policy("365 days", "1 day"),
                        new Hypertable.ReorderPolicy("event_at_idx", "1 day"))))
                .continuousAggregates(List.of(new ContinuousAggregate(n("app", "daily"), n("app", "event"), " SELECT 1;", true,
                        new ContinuousAggregate.RefreshPolicy("3 days", null, "01:00:00"))))
                .build();
    }

    @Test
    void roundTripsEveryKindAndWritesTheSameTextAgain() {
        SchemaModel model = everything();
        String json = ModelJson.write(model);
        SchemaModel back = ModelJson.read(json);
        assertThat(back).isEqualTo(model);
        assertThat(ModelJson.write(back)).isEqualTo(json);
    }

    @Test
    void writesSortedCompactStableText() {
        String json = ModelJson.write(everything());
        assertThat(json).startsWith("{\n  \"format\": 1,\n  \"schemas\": [\n").endsWith("}\n");
        assertThat(json.indexOf("\"app.customer\"")).isLessThan(json.indexOf("\"app.dog\""));
        assertThat(json).contains("\"display\\nname \\\"quoted\\\"\"");
        assertThat(json).contains("\"inherits\": [\"app.animal\", \"\\\"x.y\\\".z\"]");
        assertThat(json).doesNotContain("\"notNull\": false").doesNotContain("\"comment\": null");
        assertThat(ModelJson.write(SchemaModel.empty())).isEqualTo("{\n  \"format\": 1\n}\n");
    }

    @Test
    void readsShortHandWrittenFixturesWithDefaults() {
        SchemaModel m = ModelJson.read("""
                {"format": 1,
                 "tables": [{"name": "public.t", "columns": [{"name": "id", "type": "integer", "notNull": true}],
                             "constraints": [{"type": "check", "name": "c", "definition": "CHECK ((id > 0))"}]}]}
                """);
        Table t = m.tables().get(new ObjectName("public", "t"));
        assertThat(t.columns()).containsExactly(Column.of("id", "integer").withNotNull(true));
        assertThat(t.constraint("c").orElseThrow().validated()).isTrue();
        assertThat(m.indexes()).isEmpty();
    }

    @Test
    void errorsNameTheLineAndColumnWhereTheJsonIsWrong() {
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1,\n \"tables\": [}", "from.json"))
                .isInstanceOf(StrataException.class)
                .hasMessageStartingWith("from.json:2:13: not valid JSON: Unexpected close marker '}'")
                .hasMessageNotContaining("Source")
                .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.MODEL_JSON_INVALID));
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1, \"tables\": [{\"name\": \"public.t\", \"colums\": []}]}"))
                .hasMessageStartingWith("model JSON:1:47: not a valid schema model: $.tables[0]: unknown key \"colums\"");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1, \"tables\": [{\"name\": \"public.t\",\n"
                + "  \"columns\": [{\"name\": \"a\"}]}]}", "m.json"))
                .hasMessageStartingWith("m.json:2:15: not a valid schema model: $.tables[0].columns[0]: \"type\" is missing");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 2}"))
                .hasMessageContaining(":1:12: ").hasMessageContaining("format 2 is not supported (expected 1)");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1, \"tables\": [{\"name\": \"t\"}]}"))
                .hasMessageContaining(":1:35: ").hasMessageContaining("$.tables[0].name: not a schema-qualified name: t");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1, \"enums\": [{\"name\": \"a.e\", \"labels\": [\"x\", \"x\"]}]}"))
                .hasMessageContaining("$.enums[0]: enum a.e repeats a label");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1, \"functions\": [{\"name\": \"a.f\", \"kind\": \"FUNC\", "
                + "\"language\": \"sql\", \"definition\": \"x\"}]}"))
                .hasMessageContaining("$.functions[0].kind: has unknown value FUNC (expected FUNCTION, PROCEDURE or WINDOW)");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1, \"tables\": [{\"name\": \"a.t\", \"constraints\": "
                + "[{\"type\": \"key\", \"name\": \"k\", \"definition\": \"x\"}]}]}"))
                .hasMessageContaining("unknown type key (expected primaryKey, unique, foreignKey, check or exclusion)");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1, \"tables\": [{\"name\": \"a.t\", \"unlogged\": \"yes\"}]}"))
                .hasMessageContaining("$.tables[0].unlogged: must be true or false");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1, \"sequences\": [{\"name\": \"a.s\", \"options\": "
                + "{\"dataType\": \"bigint\", \"start\": 1.5}}]}"))
                .hasMessageContaining("only integer numbers are allowed");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1} x"))
                .hasMessageContaining(":1:16: not valid JSON: Unrecognized token 'x'");
        assertThatThrownBy(() -> ModelJson.read("{\"format\": 1, \"format\": 1}"))
                .hasMessageContaining("not valid JSON: Duplicate field 'format'");
    }

    @Test
    void escapesControlCharactersInLowerCaseAndKeepsOtherTextAsIs() {
        SchemaModel m = SchemaModel.builder()
                .schemas(List.of(new Schema("s", "a\u0001\u001fb\u007f\u2028\u00e9\uD83D\uDE00\\/\t\b\f\r\n\""))).build();
        String json = ModelJson.write(m);
        assertThat(json).contains("\"comment\": \"a\\u0001\\u001fb\u007f\u2028\u00e9\uD83D\uDE00\\\\/\\t\\b\\f\\r\\n\\\"\"");
        assertThat(ModelJson.read(json)).isEqualTo(m);
    }
}
