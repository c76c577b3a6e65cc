-- strata:revision 0002
-- strata:parents 0001
-- strata:message Index orders.customer (without CONCURRENTLY: SA001)

-- strata:upgrade
CREATE INDEX orders_customer ON orders (customer);

-- strata:downgrade
DROP INDEX orders_customer;
