-- strata:revision 20251112_090000
-- strata:parents 20251110_090000
-- strata:message hierarchy_mv gains entity_type; created empty, filled by one plain refresh

-- strata:upgrade
-- A view's query cannot be altered: drop and create it again. It is created WITH NO DATA (so the
-- revision does not compute it while holding its locks twice), and the first refresh of an unpopulated
-- view must be plain: CONCURRENTLY refuses a view that has never been filled. Later refreshes (the
-- trigger, or the scheduler's REFRESH MATERIALIZED VIEW CONCURRENTLY) are concurrent again.
DROP MATERIALIZED VIEW hierarchy_mv;
CREATE MATERIALIZED VIEW hierarchy_mv AS
SELECT
    e.id,
    e.name,
    e.entity_type,
    e.path,
    e.path_depth,
    nlevel(e.path) AS computed_depth,
    (SELECT COUNT(*) FROM entities WHERE path <@ e.path) AS descendant_count
FROM entities e
WHERE e.is_active = true
WITH NO DATA;
CREATE UNIQUE INDEX hierarchy_mv_id_idx ON hierarchy_mv (id);
CREATE INDEX hierarchy_mv_path_gist_idx ON hierarchy_mv USING GIST (path);
CREATE INDEX hierarchy_mv_depth_idx ON hierarchy_mv (path_depth);
CREATE INDEX hierarchy_mv_type_idx ON hierarchy_mv (entity_type);
REFRESH MATERIALIZED VIEW hierarchy_mv;

-- strata:downgrade
DROP MATERIALIZED VIEW hierarchy_mv;
CREATE MATERIALIZED VIEW hierarchy_mv AS
SELECT
    e.id,
    e.name,
    e.path,
    e.path_depth,
    nlevel(e.path) AS computed_depth,
    (SELECT COUNT(*) FROM entities WHERE path <@ e.path) AS descendant_count
FROM entities e
WHERE e.is_active = true
WITH NO DATA;
CREATE UNIQUE INDEX hierarchy_mv_id_idx ON hierarchy_mv (id);
CREATE INDEX hierarchy_mv_path_gist_idx ON hierarchy_mv USING GIST (path);
CREATE INDEX hierarchy_mv_depth_idx ON hierarchy_mv (path_depth);
REFRESH MATERIALIZED VIEW hierarchy_mv;
