-- strata:revision 0001
-- strata:message Create orders

-- strata:upgrade
CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL);

-- strata:downgrade
DROP TABLE orders;
