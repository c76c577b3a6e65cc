-- strata:revision 20250121_090000
-- strata:parents 20250120_091000
-- strata:message Type change of signals.confidence, step 4: drop the old column, rename the new one
-- strata:destructive drops the text column signals.confidence; the downgrade rebuilds it from the float values

-- strata:upgrade
-- Step 3 (deploy the code that reads confidence_new) happened between the releases.
ALTER TABLE signals DROP COLUMN confidence;
ALTER TABLE signals RENAME COLUMN confidence_new TO confidence;

-- strata:downgrade
ALTER TABLE signals RENAME COLUMN confidence TO confidence_new;
ALTER TABLE signals ADD COLUMN confidence varchar(10);
UPDATE signals SET confidence = confidence_new::text;
