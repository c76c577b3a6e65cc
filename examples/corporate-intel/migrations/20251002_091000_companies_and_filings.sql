-- strata:revision 20251002_091000
-- strata:parents 20251002_090000
-- strata:message Companies and SEC filings

-- strata:upgrade
CREATE TABLE companies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticker varchar(10) UNIQUE,
    name varchar(255) NOT NULL,
    cik varchar(10) UNIQUE,
    sector varchar(100),
    category varchar(50),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE companies IS 'EdTech company master data';

CREATE TABLE sec_filings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    filing_type varchar(20) NOT NULL,
    filing_date date NOT NULL,
    accession_number varchar(25) NOT NULL UNIQUE,
    content text,
    processing_status varchar(20) NOT NULL DEFAULT 'pending',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_filing_company_date ON sec_filings (company_id, filing_date DESC);
-- Partial index (§1.2): the ingestion worker only looks at unprocessed filings.
CREATE INDEX idx_filing_pending ON sec_filings (created_at) WHERE processing_status = 'pending';

-- strata:downgrade
DROP TABLE sec_filings;
DROP TABLE companies;
