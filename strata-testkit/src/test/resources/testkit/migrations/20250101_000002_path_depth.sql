-- strata:revision 20250101_000002
-- strata:parents 20250101_000001
-- strata:message Add path_depth

-- strata:upgrade
ALTER TABLE entities ADD COLUMN path_depth int;
CREATE INDEX entities_path_depth_idx ON entities (path_depth);

-- strata:downgrade
DROP INDEX entities_path_depth_idx;
ALTER TABLE entities DROP COLUMN path_depth;
