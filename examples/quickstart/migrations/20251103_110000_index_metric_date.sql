-- strata:revision 20251103_110000
-- strata:parents 20251102_100000
-- strata:message Index metrics by date, without blocking writes
-- strata:transactional false

-- strata:upgrade
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_metrics_date ON financial_metrics (metric_date);

-- strata:downgrade
DROP INDEX CONCURRENTLY IF EXISTS idx_metrics_date;
