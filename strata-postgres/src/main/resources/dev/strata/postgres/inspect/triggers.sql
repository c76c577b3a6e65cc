-- User triggers: not the internal ones of foreign keys, not the clones PostgreSQL puts on partitions.
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
-- A read of some relations keeps the only-part, whose parameter is their oids (oid[]).
SELECT tg.oid::bigint AS oid,
       n.nspname AS schema,
       c.relname AS table_name,
       tg.tgname AS name,
       pg_catalog.pg_get_triggerdef(tg.oid) AS definition,
       tg.tgenabled AS enabled
FROM pg_catalog.pg_trigger tg
JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT tg.tgisinternal
  AND tg.tgparentid = 0
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid = c.oid AND d.deptype = 'e'))
  /*only*/ AND tg.tgrelid = ANY (?::pg_catalog.oid[]) /*end*/
ORDER BY n.nspname, c.relname, tg.tgname
