-- strata:revision 20251117_090000
-- strata:parents 20251110_090000
-- strata:message Rename assets.old_identifier to asset_identifier, step 2 (contract)
-- strata:destructive drops assets.old_identifier once no running code reads it; the downgrade restores it from asset_identifier
-- strata:transactional false

-- strata:upgrade
-- Released after every application instance reads asset_identifier. Outside a transaction, so the
-- unique index builds concurrently and NOT NULL is set without a scan under an exclusive lock: a NOT
-- VALID check (instant), validated while reads and writes go on, lets SET NOT NULL skip the scan.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_assets_asset_identifier ON assets (asset_identifier);
ALTER TABLE assets ADD CONSTRAINT assets_asset_identifier_present CHECK (asset_identifier IS NOT NULL) NOT VALID;
ALTER TABLE assets VALIDATE CONSTRAINT assets_asset_identifier_present;
ALTER TABLE assets ALTER COLUMN asset_identifier SET NOT NULL;
ALTER TABLE assets DROP CONSTRAINT assets_asset_identifier_present;
DROP TRIGGER assets_sync_identifier ON assets;
DROP FUNCTION assets_sync_identifier();
ALTER TABLE assets DROP COLUMN old_identifier;

-- strata:downgrade
ALTER TABLE assets ADD COLUMN old_identifier varchar(100);
CREATE FUNCTION assets_sync_identifier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.asset_identifier := COALESCE(NEW.asset_identifier, NEW.old_identifier);
        NEW.old_identifier := COALESCE(NEW.old_identifier, NEW.asset_identifier);
    ELSIF NEW.asset_identifier IS DISTINCT FROM OLD.asset_identifier THEN
        NEW.old_identifier := NEW.asset_identifier;
    ELSE
        NEW.asset_identifier := NEW.old_identifier;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER assets_sync_identifier BEFORE INSERT OR UPDATE ON assets
FOR EACH ROW EXECUTE FUNCTION assets_sync_identifier();
UPDATE assets SET old_identifier = asset_identifier WHERE old_identifier IS NULL;
ALTER TABLE assets ADD CONSTRAINT assets_old_identifier_present CHECK (old_identifier IS NOT NULL) NOT VALID;
ALTER TABLE assets VALIDATE CONSTRAINT assets_old_identifier_present;
ALTER TABLE assets ALTER COLUMN old_identifier SET NOT NULL;
ALTER TABLE assets DROP CONSTRAINT assets_old_identifier_present;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_assets_old_identifier ON assets (old_identifier);
ALTER TABLE assets ALTER COLUMN asset_identifier DROP NOT NULL;
DROP INDEX CONCURRENTLY IF EXISTS uq_assets_asset_identifier;
