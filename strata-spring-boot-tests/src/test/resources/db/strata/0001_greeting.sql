-- strata:revision 0001
-- strata:message Create greeting

-- strata:upgrade
CREATE TABLE greeting (id bigint PRIMARY KEY, text text NOT NULL);
INSERT INTO greeting VALUES (1, 'hello');

-- strata:downgrade
DROP TABLE greeting;
