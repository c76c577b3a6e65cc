-- strata:revision 0002
-- strata:parents 0001
-- strata:message Add account.name

-- strata:upgrade
ALTER TABLE account ADD COLUMN name text;

-- strata:downgrade
ALTER TABLE account DROP COLUMN name;
