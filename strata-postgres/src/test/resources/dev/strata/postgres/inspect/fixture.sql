-- Every object kind the inspector models. Loaded statement by statement by PgInspectorTest.
CREATE EXTENSION ltree;
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'application objects';
CREATE TYPE app.status AS ENUM ('new', 'active', 'closed');
COMMENT ON TYPE app.status IS 'lifecycle';
CREATE TYPE app.money_pair AS (amount numeric(12,2), currency text COLLATE "C");
CREATE DOMAIN app.email AS text COLLATE "C" NOT NULL DEFAULT 'nobody@example.com' CHECK (VALUE LIKE '%@%');
ALTER DOMAIN app.email ADD CONSTRAINT email_short CHECK (length(VALUE) < 200) NOT VALID;
CREATE SEQUENCE app.invoice_no AS integer START 1000 INCREMENT 5 MINVALUE 1000 MAXVALUE 999999 CACHE 10 CYCLE;
CREATE TABLE app.customer (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 2) PRIMARY KEY,
    email app.email,
    name text COLLATE "C" NOT NULL,
    status app.status NOT NULL DEFAULT 'new',
    tags text[] DEFAULT '{}',
    matrix integer[][],
    path public.ltree,
    wallet app.money_pair,
    name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customer_email_key UNIQUE (email) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT customer_name_check CHECK (length(name) > 0)
) WITH (fillfactor = 80);
COMMENT ON TABLE app.customer IS 'who pays';
COMMENT ON COLUMN app.customer.name IS 'display name';
COMMENT ON CONSTRAINT customer_name_check ON app.customer IS 'no empty names';
CREATE TABLE app.invoice (
    id serial PRIMARY KEY,
    number integer NOT NULL DEFAULT nextval('app.invoice_no'),
    customer_id bigint NOT NULL,
    amount numeric(12,2) NOT NULL,
    period tstzrange,
    note varchar(200),
    CONSTRAINT invoice_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customer (id) MATCH FULL
        ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE,
    CONSTRAINT invoice_amount_check CHECK (amount >= 0) NO INHERIT
);
ALTER SEQUENCE app.invoice_no OWNED BY app.invoice.number;
CREATE EXTENSION btree_gist;
ALTER TABLE app.invoice ADD CONSTRAINT invoice_no_overlap EXCLUDE USING gist (customer_id WITH =, period WITH &&);
ALTER TABLE app.invoice ADD CONSTRAINT invoice_note_check CHECK (note <> '') NOT VALID;
CREATE UNLOGGED TABLE app.cache (key text PRIMARY KEY, value jsonb);
CREATE TABLE app.event (
    id bigint NOT NULL,
    at timestamptz NOT NULL,
    payload jsonb,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE app.event_2024 PARTITION OF app.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.event_default PARTITION OF app.event DEFAULT;
CREATE INDEX event_at_idx ON app.event (at DESC NULLS LAST);
CREATE TABLE app.animal (id int PRIMARY KEY, name text);
CREATE TABLE app.dog (good boolean DEFAULT true) INHERITS (app.animal);
CREATE INDEX customer_lower_name_idx ON app.customer (lower(name) text_pattern_ops);
CREATE INDEX customer_active_idx ON app.customer (created_at) INCLUDE (name) WHERE status = 'active';
CREATE INDEX customer_tags_idx ON app.customer USING gin (tags);
CREATE INDEX customer_path_idx ON app.customer USING gist (path gist_ltree_ops (siglen = 100));
CREATE UNIQUE INDEX invoice_number_idx ON app.invoice (number) NULLS NOT DISTINCT;
COMMENT ON INDEX app.invoice_number_idx IS 'one number each';
CREATE VIEW app.active_customer WITH (security_barrier = true) AS
    SELECT id, name FROM app.customer WHERE status = 'active';
COMMENT ON VIEW app.active_customer IS 'active only';
CREATE MATERIALIZED VIEW app.invoice_total AS
    SELECT customer_id, sum(amount) AS total FROM app.invoice GROUP BY customer_id WITH NO DATA;
CREATE UNIQUE INDEX invoice_total_customer_idx ON app.invoice_total (customer_id);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.created_at := now();
    RETURN NEW;
END
$$;
CREATE FUNCTION app.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE FUNCTION app.add(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
COMMENT ON FUNCTION app.add(integer, integer) IS 'adds integers';
CREATE PROCEDURE app.close_all(reason text) LANGUAGE plpgsql AS $$
BEGIN
    UPDATE app.customer SET status = 'closed';
END
$$;
CREATE TRIGGER customer_touch BEFORE INSERT ON app.customer FOR EACH ROW EXECUTE FUNCTION app.touch();
COMMENT ON TRIGGER customer_touch ON app.customer IS 'sets created_at';
CREATE TRIGGER event_touch BEFORE UPDATE ON app.event FOR EACH ROW WHEN (OLD.payload IS DISTINCT FROM NEW.payload) EXECUTE FUNCTION app.touch();
CREATE RULE cache_no_delete AS ON DELETE TO app.cache DO INSTEAD NOTHING;
CREATE TABLE public.strata_version (version_num text PRIMARY KEY);
CREATE TABLE public.plain (id int);
