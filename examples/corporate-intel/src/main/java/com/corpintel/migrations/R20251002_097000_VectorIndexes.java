package com.corpintel.migrations;

import dev.strata.java.JavaMigration;
import dev.strata.java.StrataRevision;
import dev.strata.op.Operations;
import dev.strata.op.QualifiedName;
import dev.strata.op.ext.CreateVectorIndex;
import dev.strata.op.ext.VectorOpclass;

/**
 * The IVFFlat indexes of §2.4 (cosine distance, 100 lists), deferred until their table has data (§8.3
 * "IVFFlat requires data"): Strata builds each one, concurrently, on the first upgrade that finds at least
 * 100 × 39 = 3,900 rows; until then the run says "deferred" and goes on.
 */
@StrataRevision(id = "20251002_097000", parents = "20251002_096000",
        message = "IVFFlat indexes on the embeddings, built once the data is there")
public class R20251002_097000_VectorIndexes implements JavaMigration {
    @Override
    public void upgrade(Operations op) {
        op.add(CreateVectorIndex.ivfflat("idx_document_embedding", QualifiedName.of("documents"), "embedding",
                VectorOpclass.VECTOR_COSINE_OPS, 100).withDeferUntilRows(true));
        op.add(CreateVectorIndex.ivfflat("idx_chunk_embedding", QualifiedName.of("document_chunks"), "embedding",
                VectorOpclass.VECTOR_COSINE_OPS, 100).withDeferUntilRows(true));
    }
    // no downgrade(): the reverse of each build drops the index (concurrently)
}
