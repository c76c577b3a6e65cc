-- strata:revision 20250101_000002
-- strata:parents 20250101_000001
-- strata:message Feature flags

-- strata:upgrade
CREATE TABLE feature_flags (name text PRIMARY KEY);
CREATE INDEX entities_path_idx ON entities (path);

-- strata:downgrade
DROP TABLE feature_flags;
