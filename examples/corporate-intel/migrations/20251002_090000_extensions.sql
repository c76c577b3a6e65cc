-- strata:revision 20251002_090000
-- strata:message Extensions: TimescaleDB and pgvector

-- strata:upgrade
-- Extension creation order (§3.1): before any table that uses them.
CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE EXTENSION IF NOT EXISTS vector;

-- strata:downgrade
-- Extensions are kept: other databases' objects and the server's preload may depend on them.
SELECT 1;
