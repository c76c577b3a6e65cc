-- strata:revision 20251110_090000
-- strata:parents 004_rss_entity_extraction_schema
-- strata:message Backfill confidence scores for entities missing them (data migration)

-- strata:upgrade
-- Idempotent: only rows still without a score change, so running it again (or on a database that the
-- old script already fixed) changes nothing. The score: the mentions' average confidence, else a prior
-- by depth in the hierarchy. One statement, so the refresh trigger refreshes hierarchy_mv once.
UPDATE entities e
SET confidence_score = COALESCE(
        (SELECT avg(m.confidence) FROM rss_entity_mentions m WHERE m.entity_id = e.id),
        round((0.5 + 0.1 * LEAST(nlevel(e.path), 4))::numeric, 2)),
    updated_at = now()
WHERE e.confidence_score IS NULL OR e.confidence_score = 0;

-- strata:downgrade
-- Nothing to undo: a filled-in score is valid data for the previous release too (never delete data
-- in a downgrade).
SELECT 1;
