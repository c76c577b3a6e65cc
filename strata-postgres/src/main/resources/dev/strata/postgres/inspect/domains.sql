-- Domains with their check constraints sorted by name.
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
SELECT t.oid::bigint AS oid,
       n.nspname AS schema,
       t.typname AS name,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base_type,
       t.typnotnull AS not_null,
       t.typdefault AS default_sql,
       CASE WHEN t.typcollation <> bt.typcollation THEN t.typcollation::pg_catalog.regcollation::text END AS collation,
       ARRAY(SELECT c.conname::text FROM pg_catalog.pg_constraint c
             WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_names,
       ARRAY(SELECT pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c
             WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_definitions,
       ARRAY(SELECT c.convalidated FROM pg_catalog.pg_constraint c
             WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_validated
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
WHERE t.typtype = 'd'
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                          AND d.objid = t.oid AND d.deptype = 'e'))
ORDER BY n.nspname, t.typname
