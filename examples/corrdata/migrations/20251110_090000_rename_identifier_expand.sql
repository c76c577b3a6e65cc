-- strata:revision 20251110_090000
-- strata:parents 20251105_090000
-- strata:message Rename assets.old_identifier to asset_identifier, step 1 (expand)

-- strata:upgrade
-- The new column, kept equal to the old one by a trigger while both the old and the new application
-- versions run, then filled for the existing rows. Nothing is dropped in this release.
ALTER TABLE assets ADD COLUMN asset_identifier varchar(100);

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

UPDATE assets SET asset_identifier = old_identifier WHERE asset_identifier IS NULL;

-- strata:downgrade
DROP TRIGGER assets_sync_identifier ON assets;
DROP FUNCTION assets_sync_identifier();
ALTER TABLE assets DROP COLUMN asset_identifier;
