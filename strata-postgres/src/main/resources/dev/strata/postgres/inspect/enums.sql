-- Enum types with their labels in sort order. Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
SELECT t.oid::bigint AS oid,
       n.nspname AS schema,
       t.typname AS name,
       ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e'
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                          AND d.objid = t.oid AND d.deptype = 'e'))
ORDER BY n.nspname, t.typname
