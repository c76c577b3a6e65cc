-- strata:revision 20251105_090000
-- strata:parents 20251020_091000
-- strata:message Spatial index on assets.location, built without locking the table
-- strata:transactional false

-- strata:upgrade
-- CONCURRENTLY cannot run in a transaction: this revision runs outside one (transactional false), so
-- the same statement works in development and production, with no is_transactional_ddl() branches.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_assets_location ON assets USING gist (location);

-- strata:downgrade
DROP INDEX CONCURRENTLY IF EXISTS idx_assets_location;
