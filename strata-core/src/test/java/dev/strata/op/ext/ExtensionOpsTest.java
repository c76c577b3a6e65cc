package dev.strata.op.ext;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.op.AddColumn;
import dev.strata.op.ColumnDef;
import dev.strata.op.CreateIndex;
import dev.strata.op.ExtensionOp;
import dev.strata.op.Mode;
import dev.strata.op.Op;
import dev.strata.op.QualifiedName;
import dev.strata.op.Reversal;
import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtensionOpsTest {
    private static final QualifiedName DOCS = QualifiedName.of("public", "documents");

    enum NameSet { PLAIN, HOSTILE }

    private static Map<String, ExtensionOp> cases(NameSet set) {
        return ExtCases.cases(set == NameSet.PLAIN ? ExtCases.PLAIN : ExtCases.HOSTILE);
    }

    @ParameterizedTest
    @EnumSource(NameSet.class)
    void reversingAReversibleOpTwiceGivesItBack(NameSet set) {
        cases(set).forEach((name, op) -> {
            Reversal once = op.reverse();
            if (op instanceof CreateHypertable || op instanceof AddDimension) {
                assertThat(once).as(name).isInstanceOf(Reversal.Irreversible.class);
                return;
            }
            List<Op> undo = ((Reversal.Reversible) once).ops();
            if (op instanceof RefreshMaterializedView) {
                assertThat(undo).as(name + ": a refresh has nothing to undo").isEmpty();
                return;
            }
            assertThat(undo).as(name).hasSize(1);
            Reversal twice = undo.get(0).reverse();
            assertThat(((Reversal.Reversible) twice).ops()).as(name).containsExactly(op);
        });
    }

    /** Names full of quotes and semicolons never split or end a statement early. */
    @Test
    void hostileNamesStayInsideTheirStatements() {
        cases(NameSet.HOSTILE).forEach((name, op) -> {
            List<Statement> up = ExtensionRenderer.render(op);
            StringBuilder script = new StringBuilder();
            up.forEach(s -> script.append(s.sql()).append(";\n"));
            assertThat(SqlSplitter.split(script.toString(), 1)).as(name).hasSize(up.size());
            String all = script.toString();
            ExtCases.Names n = ExtCases.HOSTILE;
            // every case names an object in the hostile schema, quoted (inside a literal too: it holds no ')
            boolean namesSomething = all.contains(SqlText.ident(n.schema()) + ".");
            assertThat(namesSomething).as(name + " quotes the hostile name").isTrue();
        });
    }

    @Test
    void createHypertableIsTheSeedForm() {
        List<Statement> s = ExtensionRenderer.render(CreateHypertable.of(QualifiedName.of("financial_metrics"),
                "metric_date", "1 week").withIfNotExists(true));
        assertThat(s.get(0).sql()).isEqualTo("SELECT create_hypertable('\"public\".\"financial_metrics\"', 'metric_date',"
                + " chunk_time_interval => INTERVAL '1 week', if_not_exists => TRUE)");
        assertThat(s.get(0).hazards()).doesNotContain(Hazard.TABLE_REWRITE);
        Statement migrate = ExtensionRenderer.render(CreateHypertable.of(DOCS, "t", null).withMigrateData(true)).get(0);
        assertThat(migrate.hazards()).contains(Hazard.TABLE_REWRITE, Hazard.ACCESS_EXCLUSIVE_LOCK);
        assertThat(CreateHypertable.of(DOCS, "t", null).reverse()).isInstanceOf(Reversal.Irreversible.class);
    }

    @Test
    void retentionIsDataLoss() {
        assertThat(ExtensionRenderer.render(new AddRetentionPolicy(DOCS, "2 years")).get(0).hazards()).contains(Hazard.DATA_LOSS);
        assertThat(ExtensionRenderer.render(new RemoveRetentionPolicy(DOCS, "2 years")).get(0).hazards()).isEmpty();
    }

    @Test
    void vectorIndexIsConcurrentUnlessBlockingOrOnAFreshTable() {
        CreateVectorIndex hnsw = CreateVectorIndex.hnsw("i", DOCS, "embedding", VectorOpclass.VECTOR_COSINE_OPS).withHnsw(16, 64);
        List<Statement> all = ExtensionRenderer.render(hnsw);
        assertThat(all.get(0).sql()).as("the memory estimate comes first").startsWith("DO $strata$").contains("RAISE WARNING");
        Statement online = all.get(1);
        assertThat(online.tx()).isEqualTo(Tx.NO_TRANSACTION);
        assertThat(online.sql()).isEqualTo("CREATE INDEX CONCURRENTLY \"i\" ON \"public\".\"documents\" USING hnsw"
                + " (\"embedding\" vector_cosine_ops) WITH (m = 16, ef_construction = 64)");
        Statement fresh = ExtensionRenderer.render(hnsw, Set.of(DOCS)).get(0);
        assertThat(fresh.tx()).isEqualTo(Tx.IN_TRANSACTION);
        assertThat(fresh.sql()).startsWith("CREATE INDEX \"i\"");
        Statement blocking = ExtensionRenderer.render(hnsw.withMode(Mode.BLOCKING)).get(1);
        assertThat(blocking.tx()).isEqualTo(Tx.IN_TRANSACTION);
        assertThat(blocking.hazards()).contains(Hazard.BLOCKS_WRITES, Hazard.INDEX_BUILD);
    }

    @Test
    void deferredIvfflatBuildIsGuardedByARowCheck() {
        CreateVectorIndex ivf = CreateVectorIndex.ivfflat("i", DOCS, "embedding", VectorOpclass.VECTOR_COSINE_OPS, 100)
                .withDeferUntilRows(true);
        Statement s = ExtensionRenderer.render(ivf).get(0);
        // the runner decides (lists x 39 rows); the DO block is the offline form
        assertThat(s.tx()).isEqualTo(Tx.NO_TRANSACTION);
        assertThat(s.deferredBuild().minRows()).isEqualTo(3900);
        assertThat(s.deferredBuild().build()).contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"i\" ON \"public\".\"documents\""
                + " USING ivfflat (\"embedding\" vector_cosine_ops) WITH (lists = 100)");
        assertThat(s.sql()).startsWith("DO $strata$")
                .contains("IF (SELECT count(*) FROM (SELECT FROM \"public\".\"documents\" LIMIT 3900) s) >= 3900 THEN")
                .contains("CREATE INDEX IF NOT EXISTS \"i\" ON \"public\".\"documents\" USING ivfflat (\"embedding\" vector_cosine_ops) WITH (lists = 100)");
        assertThat(s.hazards()).contains(Hazard.INDEX_BUILD);
    }

    @Test
    void buildSettingsAreSetForTheBuildAndChecked() {
        CreateVectorIndex ivf = CreateVectorIndex.ivfflat("i", DOCS, "embedding", VectorOpclass.VECTOR_COSINE_OPS, 10)
                .withBuildSettings("2GB", 4);
        assertThat(ExtensionRenderer.render(ivf)).extracting(Statement::sql).startsWith("SET maintenance_work_mem = '2GB'",
                "SET max_parallel_maintenance_workers = 4").endsWith("RESET maintenance_work_mem",
                "RESET max_parallel_maintenance_workers");
        assertThat(ExtensionRenderer.render(ivf, Set.of(DOCS))).extracting(Statement::sql)
                .startsWith("SET LOCAL maintenance_work_mem = '2GB'");
        assertInvalid(() -> ivf.withBuildSettings("lots", null), "not a memory size");
        assertInvalid(() -> ivf.withBuildSettings(null, 65), "max_parallel_maintenance_workers = 65");
    }

    @Test
    void vectorIndexParametersAreChecked() {
        assertInvalid(() -> CreateVectorIndex.ivfflat("i", DOCS, "e", VectorOpclass.VECTOR_L2_OPS, 0), "lists = 0 is out of range");
        assertInvalid(() -> CreateVectorIndex.ivfflat("i", DOCS, "e", VectorOpclass.VECTOR_L2_OPS, 40_000), "1 to 32768");
        assertInvalid(() -> CreateVectorIndex.hnsw("i", DOCS, "e", VectorOpclass.VECTOR_L2_OPS).withHnsw(1, null), "m = 1");
        assertInvalid(() -> CreateVectorIndex.hnsw("i", DOCS, "e", VectorOpclass.VECTOR_L2_OPS).withHnsw(101, 1000), "m = 101");
        assertInvalid(() -> CreateVectorIndex.hnsw("i", DOCS, "e", VectorOpclass.VECTOR_L2_OPS).withHnsw(null, 1001), "ef_construction = 1001");
        assertInvalid(() -> CreateVectorIndex.hnsw("i", DOCS, "e", VectorOpclass.VECTOR_L2_OPS).withHnsw(48, 64), "at least 2 * m");
        assertInvalid(() -> CreateVectorIndex.ivfflat("i", DOCS, "e", VectorOpclass.VECTOR_L2_OPS, 10).withHnsw(16, null), "HNSW parameters");
        assertInvalid(() -> new CreateVectorIndex("i", DOCS, "e", VectorIndexMethod.HNSW, VectorOpclass.VECTOR_L2_OPS,
                10, null, null, null, false, false), "IVFFlat parameter");
        assertInvalid(() -> CreateVectorIndex.hnsw("i", DOCS, "e", VectorOpclass.VECTOR_L2_OPS).withDeferUntilRows(true), "only IVFFlat");
        assertInvalid(() -> VectorOpclass.parse("vector_jaccard_ops"), "unknown pgvector operator class 'vector_jaccard_ops'");
        assertThat(VectorOpclass.parse("vector_ip_ops")).isEqualTo(VectorOpclass.VECTOR_IP_OPS);
    }

    @Test
    void typeHelpersFeedCoreColumns() {
        assertThat(Pgvector.vector(1536)).isEqualTo("vector(1536)");
        assertThat(Pgvector.halfvec(3072)).isEqualTo("halfvec(3072)");
        assertInvalid(() -> Pgvector.vector(0), "1 to 16000");
        assertInvalid(() -> Pgvector.halfvec(16_001), "1 to 16000");
        assertThat(Postgis.geometry("point", 4326)).isEqualTo("geometry(Point,4326)");
        assertThat(Postgis.geography("MULTIPOLYGONZ", 4326)).isEqualTo("geography(MultiPolygonZ,4326)");
        assertInvalid(() -> Postgis.geometry("Point);DROP", 4326), "unknown PostGIS geometry type");
        assertInvalid(() -> Postgis.geometry("Point", -1), "SRID -1");
        AddColumn add = new AddColumn(DOCS, ColumnDef.of("embedding", Pgvector.vector(1536)), List.of(), null);
        assertThat(add.column().type()).isEqualTo("vector(1536)");
        CreateIndex gist = Ltree.gistIndex("entities_path_gist_idx", QualifiedName.of("entities"), "path");
        assertThat(gist.method()).isEqualTo("gist");
        assertThat(Postgis.gistIndex("g", DOCS, "location").mode()).isEqualTo(Mode.ONLINE);
        CreateIndex unique = MaterializedViews.uniqueIndex("u", QualifiedName.of("hierarchy_mv"), List.of("id"));
        assertThat(unique.unique()).isTrue();
        assertInvalid(() -> MaterializedViews.uniqueIndex("u", QualifiedName.of("mv"), List.of()), "has no columns");
    }

    @Test
    void otherArgumentsAreChecked() {
        assertInvalid(() -> new AddCompressionPolicy(DOCS, " "), "is not an interval");
        assertInvalid(() -> new AddRefreshPolicy(DOCS, null, null, null), "schedule_interval is missing");
        assertInvalid(() -> new CreateMaterializedView(DOCS, "  ", true), "query is blank");
        assertInvalid(() -> CreateHypertable.of(DOCS, "", "1 day"), "time column is missing");
        CreateMaterializedView mv = new CreateMaterializedView(DOCS, "SELECT 1;;", true);
        assertThat(mv.query()).isEqualTo("SELECT 1");
        assertInvalid(() -> new DropMaterializedView(QualifiedName.of("other"), mv), "holds the definition of public.documents");
        assertThat(new RemoveRetentionPolicy(DOCS, null).reverse()).isInstanceOf(Reversal.Irreversible.class);
    }

    @Test
    void refreshRunsInItsOwnTransaction() {
        Statement plain = ExtensionRenderer.render(new RefreshMaterializedView(DOCS, false)).get(0);
        assertThat(plain.tx()).isEqualTo(Tx.OWN_TRANSACTION);
        assertThat(plain.hazards()).contains(Hazard.ACCESS_EXCLUSIVE_LOCK);
        Statement concurrent = ExtensionRenderer.render(new RefreshMaterializedView(DOCS, true)).get(0);
        assertThat(concurrent.sql()).isEqualTo("REFRESH MATERIALIZED VIEW CONCURRENTLY \"public\".\"documents\"");
        assertThat(concurrent.hazards()).doesNotContain(Hazard.ACCESS_EXCLUSIVE_LOCK);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String text) {
        assertThatThrownBy(call).isInstanceOf(StrataException.class).hasMessageContaining(text)
                .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.OP_INVALID))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
