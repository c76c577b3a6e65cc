-- strata:revision 0001
-- strata:message Create account

-- strata:upgrade
CREATE TABLE account (id bigint PRIMARY KEY, email text NOT NULL);

-- strata:downgrade
DROP TABLE account;
