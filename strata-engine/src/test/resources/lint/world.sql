-- The tables the lint fixtures of strata-core speak of ("an existing table orders"...), for observed fixtures.
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id int NOT NULL, customer_id bigint, status text, total numeric, qty int, price numeric,
                     amount numeric(10,2), legacy_code text, a int, other text,
                     CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id),
                     CONSTRAINT qty_positive CHECK (qty > 0));
ALTER TABLE orders ADD CONSTRAINT older_check CHECK (qty < 1000000) NOT VALID;
CREATE UNIQUE INDEX orders_pkey ON orders (id);
CREATE INDEX idx_orders_customer ON orders (customer_id);
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER audit_orders BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit();
CREATE TABLE users (id bigint PRIMARY KEY, email text, tenant_id bigint, fax text, pager text, middle_name text,
                    a int, b int, name text);
CREATE INDEX idx_a ON users (a);
CREATE INDEX idx_b ON users (b);
CREATE TABLE events (id bigint, kind text, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_old PARTITION OF events FOR VALUES FROM ('2000-01-01') TO ('2020-01-01');
CREATE TABLE events_new PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2100-01-01');
CREATE TABLE measurements (id bigint, at date NOT NULL, value numeric) PARTITION BY RANGE (at);
CREATE TABLE measurements_2022 PARTITION OF measurements FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE measurements_now PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2100-01-01');
CREATE TABLE bookings (id bigint, room int, during tstzrange);
CREATE TABLE a (id bigint);
CREATE MATERIALIZED VIEW daily_totals AS SELECT status, count(*) AS n FROM orders GROUP BY status;
CREATE UNIQUE INDEX daily_totals_status ON daily_totals (status);
