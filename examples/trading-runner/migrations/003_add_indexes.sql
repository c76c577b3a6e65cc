-- strata:revision 003
-- strata:parents 002
-- strata:message Performance indexes (orders built concurrently)
-- strata:transactional false

-- strata:upgrade
-- CONCURRENTLY: the order router keeps writing while this builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_account_time ON orders (account_id, created_at DESC);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_symbol ON orders (symbol);

-- strata:downgrade
DROP INDEX CONCURRENTLY IF EXISTS idx_orders_symbol;
DROP INDEX CONCURRENTLY IF EXISTS idx_orders_account_time;
