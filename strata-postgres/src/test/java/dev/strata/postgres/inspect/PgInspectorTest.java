package dev.strata.postgres.inspect;

import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.Domain;
import dev.strata.model.Exclusion;
import dev.strata.model.ForeignKey;
import dev.strata.model.Function;
import dev.strata.model.Identity;
import dev.strata.model.Index;
import dev.strata.model.IndexKey;
import dev.strata.model.MatchType;
import dev.strata.model.MemberName;
import dev.strata.model.ModelJson;
import dev.strata.model.ObjectName;
import dev.strata.model.PrimaryKey;
import dev.strata.model.ReferentialAction;
import dev.strata.model.SchemaModel;
import dev.strata.model.Sequence;
import dev.strata.model.Table;
import dev.strata.model.Unique;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PgInspectorTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private final PgInspector inspector = new PgInspector();

    private static ObjectName app(String name) {
        return new ObjectName("app", name);
    }

    private SchemaModel loadFixture(Connection c) throws SQLException, IOException {
        try (InputStream in = PgInspectorTest.class.getResourceAsStream("fixture.sql"); Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return inspector.inspect(c);
    }

    @Test
    void readsTablesColumnsAndConstraints() throws Exception {
        try (Connection c = db.connect()) {
            SchemaModel m = loadFixture(c);
            assertThat(m.schemas().keySet()).containsExactly("app", "public");
            assertThat(m.schemas().get("app").comment()).isEqualTo("application objects");

            Table customer = m.tables().get(app("customer"));
            assertThat(customer.comment()).isEqualTo("who pays");
            assertThat(customer.options()).containsExactly("fillfactor=80");
            assertThat(customer.columns()).extracting(Column::name).containsExactly("id", "email", "name", "status",
                    "tags", "matrix", "path", "wallet", "name_upper", "created_at");
            Column id = customer.column("id").orElseThrow();
            assertThat(id.identity().generation()).isEqualTo(Identity.Generation.ALWAYS);
            assertThat(id.identity().sequence().start()).isEqualTo(10);
            assertThat(id.identity().sequence().increment()).isEqualTo(2);
            assertThat(id.defaultSql()).isNull();
            assertThat(customer.column("email").orElseThrow().type()).isEqualTo("app.email");
            Column name = customer.column("name").orElseThrow();
            assertThat(name.collation()).isEqualTo("\"C\"");
            assertThat(name.notNull()).isTrue();
            assertThat(name.comment()).isEqualTo("display name");
            assertThat(customer.column("status").orElseThrow().defaultSql()).isEqualTo("'new'::app.status");
            assertThat(customer.column("tags").orElseThrow().type()).isEqualTo("text[]");
            assertThat(customer.column("matrix").orElseThrow().type()).isEqualTo("integer[]");
            assertThat(customer.column("path").orElseThrow().type()).isEqualTo("public.ltree");
            assertThat(customer.column("wallet").orElseThrow().type()).isEqualTo("app.money_pair");
            assertThat(customer.column("name_upper").orElseThrow().generated()).isEqualTo("upper(name)");
            assertThat(customer.column("created_at").orElseThrow().defaultSql()).isEqualTo("now()");

            assertThat(customer.primaryKey().orElseThrow().columns()).containsExactly("id");
            Unique email = (Unique) customer.constraint("customer_email_key").orElseThrow();
            assertThat(email.deferrable()).isTrue();
            assertThat(email.initiallyDeferred()).isTrue();
            Check nameCheck = (Check) customer.constraint("customer_name_check").orElseThrow();
            assertThat(nameCheck.definition()).isEqualTo("CHECK ((length(name) > 0))");
            assertThat(nameCheck.comment()).isEqualTo("no empty names");

            Table invoice = m.tables().get(app("invoice"));
            assertThat(invoice.column("id").orElseThrow().defaultSql()).isEqualTo("nextval('app.invoice_id_seq'::regclass)");
            assertThat(invoice.column("note").orElseThrow().type()).isEqualTo("character varying(200)");
            ForeignKey fk = (ForeignKey) invoice.constraint("invoice_customer_fk").orElseThrow();
            assertThat(fk.referencedTable()).isEqualTo(app("customer"));
            assertThat(fk.referencedColumns()).containsExactly("id");
            assertThat(fk.onDelete()).isEqualTo(ReferentialAction.CASCADE);
            assertThat(fk.onUpdate()).isEqualTo(ReferentialAction.SET_NULL);
            assertThat(fk.match()).isEqualTo(MatchType.FULL);
            assertThat(fk.deferrable()).isTrue();
            assertThat(fk.initiallyDeferred()).isFalse();
            assertThat(((Check) invoice.constraint("invoice_amount_check").orElseThrow()).noInherit()).isTrue();
            Check note = (Check) invoice.constraint("invoice_note_check").orElseThrow();
            assertThat(note.validated()).isFalse();
            assertThat(note.definition()).endsWith("NOT VALID");
            Exclusion overlap = (Exclusion) invoice.constraint("invoice_no_overlap").orElseThrow();
            assertThat(overlap.definition()).isEqualTo("EXCLUDE USING gist (customer_id WITH =, period WITH &&)");
            assertThat(invoice.constraints()).extracting(dev.strata.model.Constraint::name).isSorted();
        }
    }

    @Test
    void readsPartitionsInheritanceAndUnlogged() throws Exception {
        try (Connection c = db.connect()) {
            SchemaModel m = loadFixture(c);
            Table event = m.tables().get(app("event"));
            assertThat(event.partitioned()).isTrue();
            assertThat(event.partitionKey()).isEqualTo("RANGE (at)");
            Table y2024 = m.tables().get(app("event_2024"));
            assertThat(y2024.partitionOf()).isEqualTo(app("event"));
            assertThat(y2024.partitionBound())
                    .isEqualTo("FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')");
            assertThat(y2024.columns()).allMatch(Column::inherited);
            PrimaryKey partitionKey = y2024.primaryKey().orElseThrow();
            assertThat(partitionKey.inherited()).isTrue();
            assertThat(m.tables().get(app("event_default")).partitionBound()).isEqualTo("DEFAULT");
            assertThat(m.indexes().get(app("event_2024_at_idx")).parentIndex()).isEqualTo(app("event_at_idx"));
            assertThat(m.triggers()).containsKey(new MemberName(app("event"), "event_touch"))
                    .doesNotContainKey(new MemberName(app("event_2024"), "event_touch"));

            Table dog = m.tables().get(app("dog"));
            assertThat(dog.inherits()).containsExactly(app("animal"));
            assertThat(dog.partitionOf()).isNull();
            assertThat(dog.column("id").orElseThrow().inherited()).isTrue();
            assertThat(dog.column("good").orElseThrow().inherited()).isFalse();
            assertThat(m.tables().get(app("cache")).unlogged()).isTrue();
            assertThat(m.tables().get(app("customer")).unlogged()).isFalse();
        }
    }

    @Test
    void readsIndexes() throws Exception {
        try (Connection c = db.connect()) {
            SchemaModel m = loadFixture(c);
            Index lower = m.indexes().get(app("customer_lower_name_idx"));
            assertThat(lower.keys()).containsExactly(new IndexKey("lower(name)", null, "pg_catalog.text_pattern_ops",
                    List.of(), false, false));
            assertThat(lower.constraint()).isNull();
            Index active = m.indexes().get(app("customer_active_idx"));
            assertThat(active.predicate()).isEqualTo("status = 'active'::app.status");
            assertThat(active.include()).containsExactly("name");
            assertThat(active.keys()).extracting(IndexKey::expression).containsExactly("created_at");
            assertThat(m.indexes().get(app("customer_tags_idx")).method()).isEqualTo("gin");
            Index path = m.indexes().get(app("customer_path_idx"));
            assertThat(path.method()).isEqualTo("gist");
            assertThat(path.keys().get(0).opclass()).isNull();
            assertThat(path.keys().get(0).opclassParams()).containsExactly("siglen=100");
            assertThat(path.definition()).contains("gist_ltree_ops (siglen='100')");
            Index number = m.indexes().get(app("invoice_number_idx"));
            assertThat(number.unique()).isTrue();
            assertThat(number.comment()).isEqualTo("one number each");
            assertThat(number.definition()).contains("NULLS NOT DISTINCT");
            assertThat(m.indexes().get(app("customer_pkey")).constraint()).isEqualTo("customer_pkey");
            assertThat(m.indexes().get(app("invoice_no_overlap")).constraint()).isEqualTo("invoice_no_overlap");
            Index at = m.indexes().get(app("event_at_idx"));
            assertThat(at.keys().get(0).descending()).isTrue();
            assertThat(at.keys().get(0).nullsFirst()).isFalse();
            assertThat(at.valid()).isTrue();
            assertThat(m.indexesOn(app("invoice_total"))).extracting(Index::name)
                    .containsExactly(app("invoice_total_customer_idx"));
        }
    }

    @Test
    void readsSequencesTypesViewsFunctionsTriggersRulesExtensions() throws Exception {
        try (Connection c = db.connect()) {
            SchemaModel m = loadFixture(c);
            Sequence no = m.sequences().get(app("invoice_no"));
            assertThat(no.options().dataType()).isEqualTo("integer");
            assertThat(no.options().start()).isEqualTo(1000);
            assertThat(no.options().increment()).isEqualTo(5);
            assertThat(no.options().max()).isEqualTo(999999);
            assertThat(no.options().cache()).isEqualTo(10);
            assertThat(no.options().cycle()).isTrue();
            assertThat(no.ownedByTable()).isEqualTo(app("invoice"));
            assertThat(no.ownedByColumn()).isEqualTo("number");
            assertThat(m.sequences().get(app("invoice_id_seq")).ownedByColumn()).isEqualTo("id");
            assertThat(m.sequences()).doesNotContainKey(app("customer_id_seq"));

            assertThat(m.enums().get(app("status")).labels()).containsExactly("new", "active", "closed");
            assertThat(m.enums().get(app("status")).comment()).isEqualTo("lifecycle");
            assertThat(m.compositeTypes().get(app("money_pair")).attributes())
                    .extracting(a -> a.name() + " " + a.type() + " " + a.collation())
                    .containsExactly("amount numeric(12,2) null", "currency text \"C\"");
            Domain email = m.domains().get(app("email"));
            assertThat(email.baseType()).isEqualTo("text");
            assertThat(email.notNull()).isTrue();
            assertThat(email.collation()).isEqualTo("\"C\"");
            assertThat(email.defaultSql()).isEqualTo("'nobody@example.com'::text");
            assertThat(email.checks()).extracting(ch -> ch.name() + " " + ch.validated())
                    .containsExactly("email_check true", "email_short false");

            assertThat(m.views().get(app("active_customer")).definition()).contains("FROM app.customer");
            assertThat(m.views().get(app("active_customer")).options()).containsExactly("security_barrier=true");
            assertThat(m.views().get(app("active_customer")).comment()).isEqualTo("active only");
            assertThat(m.materializedViews().get(app("invoice_total")).populated()).isFalse();

            assertThat(m.functions().keySet()).contains(app("add(a integer, b integer)"), app("add(a numeric, b numeric)"),
                    app("touch()"), app("close_all(IN reason text)"));
            Function add = m.functions().get(app("add(a integer, b integer)"));
            assertThat(add.kind()).isEqualTo(Function.Kind.FUNCTION);
            assertThat(add.result()).isEqualTo("integer");
            assertThat(add.comment()).isEqualTo("adds integers");
            assertThat(add.definition()).startsWith("CREATE OR REPLACE FUNCTION app.add(a integer, b integer)");
            Function close = m.functions().get(app("close_all(IN reason text)"));
            assertThat(close.kind()).isEqualTo(Function.Kind.PROCEDURE);
            assertThat(close.result()).isNull();
            assertThat(m.functions().values()).noneMatch(f -> f.name().schema().equals("public"));

            var touch = m.triggers().get(new MemberName(app("customer"), "customer_touch"));
            assertThat(touch.definition()).isEqualTo(
                    "CREATE TRIGGER customer_touch BEFORE INSERT ON app.customer FOR EACH ROW EXECUTE FUNCTION app.touch()");
            assertThat(touch.comment()).isEqualTo("sets created_at");
            assertThat(touch.enabled()).isEqualTo('O');
            assertThat(m.triggers()).hasSize(2);
            assertThat(m.rules().get(new MemberName(app("cache"), "cache_no_delete")).definition())
                    .contains("DO INSTEAD NOTHING");
            assertThat(m.rules()).hasSize(1);

            assertThat(m.extensions().keySet()).containsExactly("btree_gist", "ltree", "plpgsql");
            assertThat(m.extensions().get("ltree").version()).isEqualTo("1.2");
            assertThat(m.extensions().get("ltree").schema()).isEqualTo("public");
        }
    }

    @Test
    void inspectingTwiceGivesEqualModelsAndJsonThatRoundTrips() throws Exception {
        try (Connection c = db.connect()) {
            SchemaModel first = loadFixture(c);
            SchemaModel second = inspector.inspect(c);
            assertThat(second).isEqualTo(first);
            String json = ModelJson.write(first);
            assertThat(ModelJson.write(second)).isEqualTo(json);
            SchemaModel back = ModelJson.read(json);
            assertThat(back).isEqualTo(first);
            assertThat(ModelJson.write(back)).isEqualTo(json);
        }
    }

    @Test
    void optionsSelectSchemasAndLeaveOutStrataTables() throws Exception {
        try (Connection c = db.connect()) {
            loadFixture(c);
            ObjectName version = new ObjectName("public", "strata_version");
            SchemaModel all = inspector.inspect(c);
            assertThat(all.tables()).containsKey(version);
            assertThat(all.indexes()).containsKey(new ObjectName("public", "strata_version_pkey"));

            SchemaModel withoutVersion = inspector.inspect(c, InspectOptions.defaults().withExcludeTables(Set.of(version)));
            assertThat(withoutVersion.tables()).doesNotContainKey(version).containsKey(new ObjectName("public", "plain"));
            assertThat(withoutVersion.indexes()).doesNotContainKey(new ObjectName("public", "strata_version_pkey"));

            SchemaModel appOnly = inspector.inspect(c, InspectOptions.defaults().withIncludeSchemas(Set.of("app")));
            assertThat(appOnly.schemas().keySet()).containsExactly("app");
            assertThat(appOnly.tables().keySet()).allMatch(n -> n.schema().equals("app"));
            SchemaModel noApp = inspector.inspect(c, InspectOptions.defaults().withExcludeSchemas(Set.of("app")));
            assertThat(noApp.tables().keySet()).containsExactly(new ObjectName("public", "plain"), version);
            assertThat(noApp.enums()).isEmpty();
        }
    }

    @Test
    void leavesTheSessionAsItFoundIt() throws Exception {
        try (Connection c = db.connect()) {
            loadFixture(c);
            try (Statement s = c.createStatement()) {
                s.execute("SET search_path = app, public");
            }
            SchemaModel outside = inspector.inspect(c);
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(searchPath(c)).isEqualTo("app, public");

            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE app.inside (x int)");
            }
            SchemaModel inside = inspector.inspect(c);
            assertThat(inside.tables()).containsKey(app("inside"));
            assertThat(searchPath(c)).isEqualTo("app, public");
            assertThat(inside.tables().get(app("customer"))).isEqualTo(outside.tables().get(app("customer")));
            c.rollback();
        }
    }

    private static String searchPath(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW search_path")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
