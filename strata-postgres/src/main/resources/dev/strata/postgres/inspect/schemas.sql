-- Candidate schemas: everything but the system ones. No parameters; filtering by the options is done by the caller.
SELECT n.oid::bigint AS oid,
       n.nspname AS name,
       EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
               WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                 AND d.objid = n.oid AND d.deptype = 'e') AS extension_owned
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
ORDER BY n.nspname
