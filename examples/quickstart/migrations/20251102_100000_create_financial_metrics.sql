-- strata:revision 20251102_100000
-- strata:parents 20251101_090000
-- strata:message Create financial metrics

-- strata:upgrade
CREATE TABLE financial_metrics (
    company_id bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    metric_type text NOT NULL,
    metric_date date NOT NULL,
    value numeric NOT NULL,
    PRIMARY KEY (company_id, metric_type, metric_date)
);

-- A function with a dollar-quoted body: semicolons inside it do not split statements.
CREATE FUNCTION latest_metric(p_company bigint, p_type text) RETURNS numeric
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT value FROM financial_metrics
            WHERE company_id = p_company AND metric_type = p_type
            ORDER BY metric_date DESC LIMIT 1);
END;
$$;

-- strata:downgrade
DROP FUNCTION latest_metric(bigint, text);
DROP TABLE financial_metrics;
