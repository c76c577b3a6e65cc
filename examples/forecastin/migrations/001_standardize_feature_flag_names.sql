-- strata:revision 001_standardize_feature_flag_names
-- strata:parents 001_initial_schema
-- strata:message Standardize feature flag names to snake_case (imported with its _ROLLBACK file)

-- strata:upgrade
CREATE TABLE feature_flag_name_backup AS
SELECT id, flag_name FROM feature_flags;

UPDATE feature_flags
SET flag_name = lower(regexp_replace(flag_name, '[^a-zA-Z0-9]+', '_', 'g'))
WHERE flag_name <> lower(regexp_replace(flag_name, '[^a-zA-Z0-9]+', '_', 'g'));

-- strata:downgrade
UPDATE feature_flags f
SET flag_name = b.flag_name
FROM feature_flag_name_backup b
WHERE b.id = f.id;

DROP TABLE feature_flag_name_backup;
