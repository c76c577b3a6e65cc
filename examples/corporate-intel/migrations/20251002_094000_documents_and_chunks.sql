-- strata:revision 20251002_094000
-- strata:parents 20251002_093000
-- strata:message Documents and chunks with 1536-dimensional embeddings

-- strata:upgrade
-- No vector index here: IVFFlat computes its lists from the rows present when it is built (§8.3).
-- The indexes are the Java revision 20251002_097000, which waits for the data.
CREATE TABLE documents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid REFERENCES companies (id) ON DELETE CASCADE,
    title varchar(500) NOT NULL,
    document_type varchar(50) NOT NULL,
    content text,
    metadata jsonb NOT NULL DEFAULT '{}',
    embedding vector(1536),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_documents_company ON documents (company_id);

CREATE TABLE document_chunks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    chunk_index integer NOT NULL,
    content text NOT NULL,
    embedding vector(1536),
    token_count integer,
    CONSTRAINT uq_chunk_position UNIQUE (document_id, chunk_index)
);

-- strata:downgrade
DROP TABLE document_chunks;
DROP TABLE documents;
