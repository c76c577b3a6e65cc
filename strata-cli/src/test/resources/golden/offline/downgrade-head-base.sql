-- Strata VERSION: offline downgrade head:base
--
-- one runner at a time: Strata's migration lock
SELECT pg_advisory_lock(1398035009, -1589420418);

-- Running downgrade b2 -> a1, index it (migrations/b2.sql)
-- not transactional: each statement runs on its own
--
DROP INDEX CONCURRENTLY t1_id;

BEGIN;

RESET ALL;

UPDATE "public"."strata_version" SET revision = 'a1', applied_at = now() WHERE revision = 'b2';

INSERT INTO "public"."strata_history" (revision, action, message, checksum, tool_version, status, error, statements_run, statements_total) VALUES ('b2', 'downgrade', 'index it', '5984952dd6cc5d2a10b18c28b6dc9efcf314b268652d88199a83fe90460faff2', 'VERSION', 'ok', NULL, 1, 1);

COMMIT;

-- Running downgrade a1 -> (base), a1 message (migrations/a1.sql)
--
BEGIN;

DROP TABLE t1;

RESET ALL;

DELETE FROM "public"."strata_version" WHERE revision IN ('a1');

INSERT INTO "public"."strata_history" (revision, action, message, checksum, tool_version, status, error, statements_run, statements_total) VALUES ('a1', 'downgrade', 'a1 message', 'ffdb3fec9559b2f7ce8dce643e09780eed8e38d55984120da0e5ad52cb36c5a1', 'VERSION', 'ok', NULL, 1, 1);

COMMIT;

SELECT pg_advisory_unlock(1398035009, -1589420418);
