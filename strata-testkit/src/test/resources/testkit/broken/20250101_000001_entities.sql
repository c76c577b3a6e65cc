-- strata:revision 20250101_000001
-- strata:message Create entities

-- strata:upgrade
CREATE TABLE entities (id bigint PRIMARY KEY, path text NOT NULL);

-- strata:downgrade
DROP TABLE entities;
