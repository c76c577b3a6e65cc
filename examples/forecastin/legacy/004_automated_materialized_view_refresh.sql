-- Materialized view for LTREE hierarchy queries + automatic refresh
-- REFRESH ... CONCURRENTLY needs a unique index on the view

BEGIN;

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

CREATE UNIQUE INDEX IF NOT EXISTS hierarchy_mv_id_idx ON hierarchy_mv (id);
CREATE INDEX IF NOT EXISTS hierarchy_mv_path_gist_idx ON hierarchy_mv USING GIST (path);
CREATE INDEX IF NOT EXISTS hierarchy_mv_depth_idx ON hierarchy_mv (path_depth);

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

COMMIT;
