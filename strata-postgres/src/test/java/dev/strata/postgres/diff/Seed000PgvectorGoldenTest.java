package dev.strata.postgres.diff;

import dev.strata.diff.DiffOptions;
import dev.strata.diff.DiffResult;
import dev.strata.diff.Differ;
import dev.strata.model.Column;
import dev.strata.model.Index;
import dev.strata.model.IndexKey;
import dev.strata.model.ObjectName;
import dev.strata.model.SchemaModel;
import dev.strata.model.Table;
import dev.strata.op.Renderer;
import dev.strata.plan.Statement;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000's pgvector parts, which this server cannot create (pgvector is not installed): the real seed
 * 000 schema is built and inspected, then the model is given what pgvector would add — vector(1536)
 * embeddings and IVFFlat cosine indexes, as the catalog would describe them — and the SQL the differ
 * writes for the change, both ways, is compared with golden files.
 */
class Seed000PgvectorGoldenTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private static final Path GOLDEN = Path.of("src/test/resources/fixtures/accept-golden");

    @Test
    void vectorColumnsAndIvfflatIndexesRenderAsExpected() throws Exception {
        SchemaModel plain;
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.execute(AcceptanceTest.read("seed000", "after.sql"));
            plain = new PgInspector().inspect(c);
        }
        SchemaModel withVectors = withPgvector(plain);

        DiffResult up = new Differ().diff(plain, withVectors, DiffOptions.defaults());
        DiffResult down = new Differ().diff(withVectors, plain, DiffOptions.defaults());
        assertThat(up.unsupported()).isEmpty();
        assertThat(down.unsupported()).isEmpty();
        golden("seed000-pgvector-upgrade.sql", listing(Renderer.render(up.ops())));
        golden("seed000-pgvector-downgrade.sql", listing(Renderer.render(down.ops())));
    }

    /** The model plus what seed 000 §1.2 and §2.4 declare with pgvector. */
    private static SchemaModel withPgvector(SchemaModel m) {
        List<Table> tables = new ArrayList<>();
        for (Table t : m.tables().values()) {
            String n = t.name().name();
            if (n.equals("documents") || n.equals("document_chunks")) {
                List<Column> cols = new ArrayList<>();
                for (Column col : t.columns()) {
                    cols.add(col.name().equals("embedding")
                            ? new Column(col.name(), "public.vector(1536)", col.notNull(), col.defaultSql(), col.identity(),
                            col.generated(), col.collation(), col.inherited(), col.comment())
                            : col);
                }
                t = t.withColumns(cols);
            }
            tables.add(t);
        }
        List<Index> indexes = new ArrayList<>(m.indexes().values());
        indexes.add(ivfflat("idx_document_embedding", "documents"));
        indexes.add(ivfflat("idx_document_chunk_embedding", "document_chunks"));
        return SchemaModel.builder().schemas(m.schemas().values()).extensions(m.extensions().values()).tables(tables)
                .views(m.views().values()).materializedViews(m.materializedViews().values()).indexes(indexes)
                .sequences(m.sequences().values()).enums(m.enums().values()).compositeTypes(m.compositeTypes().values())
                .domains(m.domains().values()).functions(m.functions().values()).triggers(m.triggers().values())
                .rules(m.rules().values()).build();
    }

    private static Index ivfflat(String name, String table) {
        String definition = "CREATE INDEX " + name + " ON public." + table
                + " USING ivfflat (embedding vector_cosine_ops) WITH (lists='100')";
        return new Index(new ObjectName("public", name), new ObjectName("public", table), false, "ivfflat",
                List.of(new IndexKey("embedding", null, "vector_cosine_ops", List.of(), false, false)), List.of(), null,
                definition, true, null, null, null);
    }

    private static String listing(List<Statement> statements) {
        StringBuilder b = new StringBuilder();
        for (Statement s : statements) {
            b.append("-- ").append(s.tx()).append(s.hazards().isEmpty() ? "" : " " + new java.util.TreeSet<>(s.hazards()))
                    .append('\n').append(s.sql()).append(";\n");
        }
        return b.toString();
    }

    private static void golden(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file; create it with -Dgolden.update=true").exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
