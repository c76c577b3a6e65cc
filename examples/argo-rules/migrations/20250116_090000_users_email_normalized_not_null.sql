-- strata:revision 20250116_090000
-- strata:parents 20250115_110000
-- strata:message users.email_normalized NOT NULL and unique (step 3 of 3)
-- strata:transactional false

-- strata:upgrade
-- SET NOT NULL alone scans the table under ACCESS EXCLUSIVE. A valid CHECK lets PostgreSQL skip that scan:
-- add it NOT VALID (instant), validate it (SHARE UPDATE EXCLUSIVE: reads and writes go on), then set.
ALTER TABLE users ADD CONSTRAINT users_email_normalized_present CHECK (email_normalized IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_normalized_present;
ALTER TABLE users ALTER COLUMN email_normalized SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_normalized_present;
-- The unique constraint of the rule, built without blocking writes.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_users_email_normalized ON users (email_normalized);

-- strata:downgrade
DROP INDEX CONCURRENTLY IF EXISTS uq_users_email_normalized;
ALTER TABLE users ALTER COLUMN email_normalized DROP NOT NULL;
