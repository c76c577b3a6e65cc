-- strata:revision 20251002_093000
-- strata:parents 20251002_092000
-- strata:message metrics_monthly continuous aggregate with its refresh policy

-- strata:upgrade
-- WITH NO DATA keeps the revision transactional; the refresh policy materializes it.
CREATE MATERIALIZED VIEW metrics_monthly
WITH (timescaledb.continuous) AS
SELECT company_id,
       metric_type,
       time_bucket(INTERVAL '1 month', metric_date) AS month,
       avg(value) AS avg_value,
       max(value) AS max_value,
       min(value) AS min_value
FROM financial_metrics
GROUP BY company_id, metric_type, month
WITH NO DATA;

SELECT add_continuous_aggregate_policy('metrics_monthly',
                                       start_offset => INTERVAL '3 months',
                                       end_offset => INTERVAL '1 day',
                                       schedule_interval => INTERVAL '1 hour');

-- strata:downgrade
DROP MATERIALIZED VIEW metrics_monthly;
