-- lint: migrations/a1.sql:5 warning SA070 prefer-bigint-over-int: column t1.id is a 32-bit integer (int)
-- lint: migrations/b2.sql:7 warning SA044 prefer-robust-stmts: is not guarded with IF [NOT] EXISTS in a non-transactional revision
-- Strata VERSION: offline upgrade base:head
--
-- one runner at a time: Strata's migration lock
SELECT pg_advisory_lock(1398035009, -1589420418);

CREATE TABLE IF NOT EXISTS "public"."strata_version" (
    revision text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS "public"."strata_history" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    revision text NOT NULL,
    action text NOT NULL,
    message text NOT NULL,
    checksum text,
    started_at timestamptz NOT NULL DEFAULT now(),
    execution_ms bigint,
    applied_by text NOT NULL DEFAULT current_user,
    client_addr text DEFAULT coalesce(host(inet_client_addr()), 'local'),
    tool_version text NOT NULL,
    status text NOT NULL,
    error text,
    statements_run integer NOT NULL DEFAULT 0,
    statements_total integer NOT NULL DEFAULT 0,
    details jsonb
);

-- Running upgrade (base) -> a1, a1 message (migrations/a1.sql)
--
BEGIN;

CREATE TABLE t1 (id int);

RESET ALL;

INSERT INTO "public"."strata_version" (revision) VALUES ('a1');

INSERT INTO "public"."strata_history" (revision, action, message, checksum, tool_version, status, error, statements_run, statements_total) VALUES ('a1', 'upgrade', 'a1 message', 'ffdb3fec9559b2f7ce8dce643e09780eed8e38d55984120da0e5ad52cb36c5a1', 'VERSION', 'ok', NULL, 1, 1);

COMMIT;

-- Running upgrade a1 -> b2, index it (migrations/b2.sql)
-- not transactional: each statement runs on its own
--
-- online, Strata first drops an INVALID leftover of index t1_id from an earlier failed build
CREATE INDEX CONCURRENTLY t1_id ON t1 (id);

BEGIN;

RESET ALL;

UPDATE "public"."strata_version" SET revision = 'b2', applied_at = now() WHERE revision = 'a1';

INSERT INTO "public"."strata_history" (revision, action, message, checksum, tool_version, status, error, statements_run, statements_total) VALUES ('b2', 'upgrade', 'index it', '5984952dd6cc5d2a10b18c28b6dc9efcf314b268652d88199a83fe90460faff2', 'VERSION', 'ok', NULL, 1, 1);

COMMIT;

SELECT pg_advisory_unlock(1398035009, -1589420418);
