-- ROLLBACK for 001_standardize_feature_flag_names.sql
-- Restores the original flag names from the backup table

BEGIN;

UPDATE feature_flags f
SET flag_name = b.flag_name
FROM feature_flag_name_backup b
WHERE b.id = f.id;

DROP TABLE feature_flag_name_backup;

COMMIT;
