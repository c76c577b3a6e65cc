-- strata:revision 20251002_095000
-- strata:parents 20251002_094000
-- strata:message Analysis reports (with caching) and market intelligence

-- strata:upgrade
CREATE TABLE analysis_reports (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid REFERENCES companies (id) ON DELETE CASCADE,
    report_type varchar(50) NOT NULL,
    title varchar(500) NOT NULL,
    findings jsonb NOT NULL DEFAULT '{}',
    cache_key varchar(255) UNIQUE,
    expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- Partial index: only cached reports are looked up by expiry.
CREATE INDEX idx_reports_cache_expiry ON analysis_reports (expires_at) WHERE cache_key IS NOT NULL;

CREATE TABLE market_intelligence (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid REFERENCES companies (id) ON DELETE CASCADE,
    intel_type varchar(50) NOT NULL,
    title varchar(500) NOT NULL,
    summary text,
    impact_score double precision CHECK (impact_score BETWEEN -1 AND 1),
    event_date date,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- strata:downgrade
DROP TABLE market_intelligence;
DROP TABLE analysis_reports;
