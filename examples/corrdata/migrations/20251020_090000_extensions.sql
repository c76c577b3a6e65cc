-- strata:revision 20251020_090000
-- strata:message Extensions: PostGIS and TimescaleDB

-- strata:upgrade
-- Idempotent: safe where an administrator installed them already.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS timescaledb;

-- strata:downgrade
-- Don't drop extensions: other tables (and other teams) may use them.
SELECT 1;
