-- strata:revision 20250122_090000
-- strata:parents 20250121_090000
-- strata:message Add signal confidence index
-- strata:transactional false

-- strata:upgrade
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_signal_confidence ON signals (confidence);

-- strata:downgrade
DROP INDEX CONCURRENTLY IF EXISTS idx_signal_confidence;
