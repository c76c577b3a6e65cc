-- strata:revision 20250120_090000
-- strata:parents 20250116_090000
-- strata:message Type change of signals.confidence, step 1: add confidence_new double precision

-- strata:upgrade
ALTER TABLE signals ADD COLUMN confidence_new double precision;

-- strata:downgrade
ALTER TABLE signals DROP COLUMN confidence_new;
