-- Standardize feature flag names to snake_case (ff.geo-map -> ff_geo_map)
-- Rollback: 001_standardize_feature_flag_names_ROLLBACK.sql

BEGIN;

CREATE TABLE feature_flag_name_backup AS
SELECT id, flag_name FROM feature_flags;

UPDATE feature_flags
SET flag_name = lower(regexp_replace(flag_name, '[^a-zA-Z0-9]+', '_', 'g'))
WHERE flag_name <> lower(regexp_replace(flag_name, '[^a-zA-Z0-9]+', '_', 'g'));

COMMIT;
