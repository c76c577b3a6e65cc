-- strata:revision 20250115_100000
-- strata:parents 20250115_090000
-- strata:message Add users.email_normalized (nullable; step 1 of 3)

-- strata:upgrade
-- Additive and instant: nullable, no default. The application starts writing it after this release.
ALTER TABLE users ADD COLUMN email_normalized varchar(255);

-- strata:downgrade
ALTER TABLE users DROP COLUMN email_normalized;
