-- Composite types (not the row types of tables) with their attributes in order. Driven from pg_class
-- (relkind 'c') to pg_type by the row type's oid, so the planner looks each type up by its key.
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
SELECT t.oid::bigint AS oid,
       n.nspname AS schema,
       t.typname AS name,
       ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS attribute_names,
       ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS attribute_types,
       ARRAY(SELECT CASE WHEN a.attcollation <> at.typcollation THEN a.attcollation::pg_catalog.regcollation::text
                         ELSE '' END
             FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS attribute_collations
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_type t ON t.oid = c.reltype
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE c.relkind = 'c'
  AND t.typtype = 'c'
  AND t.typrelid = c.oid
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                          AND d.objid = t.oid AND d.deptype = 'e'))
ORDER BY n.nspname, t.typname
