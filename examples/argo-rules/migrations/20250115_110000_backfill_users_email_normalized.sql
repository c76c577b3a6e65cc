-- strata:revision 20250115_110000
-- strata:parents 20250115_100000
-- strata:message Backfill users.email_normalized (step 2 of 3)

-- strata:upgrade
-- A data migration on its own (rule: separate data from schema). Idempotent: only the rows still empty.
UPDATE users SET email_normalized = lower(trim(email)) WHERE email_normalized IS NULL;

-- strata:downgrade
-- Nothing to undo: the values are derived from email, and the column goes with 20250115_100000.
SELECT 1;
