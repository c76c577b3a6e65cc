-- Rewrite rules, without the _RETURN rules that make up views.
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
-- A read of some relations keeps the only-part, whose parameter is their oids (oid[]).
SELECT r.oid::bigint AS oid,
       n.nspname AS schema,
       c.relname AS table_name,
       r.rulename AS name,
       pg_catalog.pg_get_ruledef(r.oid) AS definition
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN'
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid = c.oid AND d.deptype = 'e'))
  /*only*/ AND r.ev_class = ANY (?::pg_catalog.oid[]) /*end*/
ORDER BY n.nspname, c.relname, r.rulename
