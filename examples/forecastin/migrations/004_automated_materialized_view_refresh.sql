-- strata:revision 004_automated_materialized_view_refresh
-- strata:parents 002_ml_ab_testing_framework
-- strata:message hierarchy_mv with its unique index, refreshed concurrently by a statement trigger (imported)

-- strata:upgrade
CREATE MATERIALIZED VIEW IF NOT EXISTS hierarchy_mv AS
SELECT
    e.id,
    e.name,
    e.path,
    e.path_depth,
    nlevel(e.path) AS computed_depth,
    (SELECT COUNT(*) FROM entities WHERE path <@ e.path) AS descendant_count
FROM entities e
WHERE e.is_active = true;

-- REFRESH ... CONCURRENTLY needs a unique index on the view.
CREATE UNIQUE INDEX IF NOT EXISTS hierarchy_mv_id_idx ON hierarchy_mv (id);
CREATE INDEX IF NOT EXISTS hierarchy_mv_path_gist_idx ON hierarchy_mv USING GIST (path);
CREATE INDEX IF NOT EXISTS hierarchy_mv_depth_idx ON hierarchy_mv (path_depth);

-- Refresh strategy 1 (trigger-based): readers keep reading the old rows while it refreshes.
CREATE OR REPLACE FUNCTION refresh_hierarchy_mv()
RETURNS TRIGGER AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY hierarchy_mv;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS entity_hierarchy_refresh ON entities;
CREATE TRIGGER entity_hierarchy_refresh
AFTER INSERT OR UPDATE OR DELETE ON entities
FOR EACH STATEMENT
EXECUTE FUNCTION refresh_hierarchy_mv();

-- strata:downgrade
DROP TRIGGER entity_hierarchy_refresh ON entities;
DROP FUNCTION refresh_hierarchy_mv();
DROP MATERIALIZED VIEW hierarchy_mv;
