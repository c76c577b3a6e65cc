-- Views and materialized views. Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
-- A read of some relations keeps the only-part, whose parameter is their oids (oid[]).
SELECT c.oid::bigint AS oid,
       n.nspname AS schema,
       c.relname AS name,
       c.relkind = 'm' AS materialized,
       pg_catalog.pg_get_viewdef(c.oid, true) AS definition,
       c.relispopulated AS populated,
       c.reloptions AS options
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid = c.oid AND d.deptype = 'e'))
  /*only*/ AND c.oid = ANY (?::pg_catalog.oid[]) /*end*/
ORDER BY n.nspname, c.relname
