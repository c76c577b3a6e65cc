package dev.strata.postgres.ext;

import dev.strata.op.AddColumn;
import dev.strata.op.ColumnDef;
import dev.strata.op.QualifiedName;
import dev.strata.op.ext.CreateVectorIndex;
import dev.strata.op.ext.Pgvector;
import dev.strata.op.ext.VectorOpclass;
import dev.strata.testkit.TestDatabase;
import dev.strata.testkit.Extensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pgvector columns and indexes for real: HNSW online, IVFFlat deferred until the table has lists × 39 rows
 * (skipped while short of them, built once they exist; offline form), and the reverses. Fails on CI without the extension, skips
 * elsewhere ({@link Extensions#require}).
 */
class PgvectorTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private static final String INDEXES = "SELECT count(*) FROM pg_indexes WHERE tablename = 'documents'"
            + " AND indexname IN ('documents_hnsw', 'documents_ivfflat')";

    @Test
    void indexesAndDeferredBuild() throws Exception {
        try (Connection c = db.connect()) {
            Extensions.require(c, "vector");
            QualifiedName docs = QualifiedName.of("public", "documents");
            Apply.execute(c, "CREATE TABLE documents (id integer PRIMARY KEY)");
            AddColumn embedding = new AddColumn(docs, ColumnDef.of("embedding", Pgvector.vector(3)), List.of(), null);
            CreateVectorIndex hnsw = CreateVectorIndex.hnsw("documents_hnsw", docs, "embedding", VectorOpclass.VECTOR_COSINE_OPS)
                    .withHnsw(16, 64);
            CreateVectorIndex ivf = CreateVectorIndex.ivfflat("documents_ivfflat", docs, "embedding",
                    VectorOpclass.VECTOR_L2_OPS, 1).withDeferUntilRows(true);
            Apply.ops(c, embedding, hnsw, ivf);
            assertThat(Apply.scalar(c, INDEXES)).isEqualTo(1);

            // one list needs 39 rows (lists x 39) before the deferred build runs
            Apply.execute(c, "INSERT INTO documents VALUES (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0,0,1]')");
            Apply.ops(c, ivf);
            assertThat(Apply.scalar(c, INDEXES)).isEqualTo(1);
            Apply.execute(c, "INSERT INTO documents SELECT g, '[0.1,0.1,0.1]' FROM generate_series(4, 39) g");
            Apply.ops(c, ivf);
            assertThat(Apply.scalar(c, INDEXES)).isEqualTo(2);
            assertThat(Apply.scalar(c, "SELECT id FROM documents ORDER BY embedding <=> '[0.9,0.1,0]' LIMIT 1")).isEqualTo(1);

            Apply.reverse(c, embedding, hnsw, ivf);
            assertThat(Apply.scalar(c, INDEXES)).isZero();
        }
    }
}
