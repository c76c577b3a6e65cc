-- The relations a schema read can name (tables, views, materialized views, sequences, indexes) with their oids,
-- so that a later read of some of them knows what they were called.
-- Parameter: 1 schemas (text[]). A read of some relations keeps the only-part, which restricts it to the
-- relations that reread.sql chose.
SELECT c.oid::bigint AS oid,
       n.nspname AS schema,
       c.relname AS name
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I')
  AND n.nspname = ANY (?)
  /*only*/ AND c.oid = ANY (?::pg_catalog.oid[]) /*end*/
