-- Tables and partitioned tables. Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
-- A read of some relations keeps the only-part, whose parameter is their oids (oid[]).
SELECT c.oid::bigint AS oid,
       n.nspname AS schema,
       c.relname AS name,
       c.relkind = 'p' AS partitioned,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
       c.relispartition AS is_partition,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       par.schemas AS parent_schemas,
       par.names AS parent_names,
       c.relpersistence = 'u' AS unlogged,
       c.reloptions AS options
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN LATERAL (
    SELECT pg_catalog.array_agg(pn.nspname ORDER BY i.inhseqno) AS schemas,
           pg_catalog.array_agg(p.relname ORDER BY i.inhseqno) AS names
    FROM pg_catalog.pg_inherits i
    JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
    JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
    WHERE i.inhrelid = c.oid
) par ON true
WHERE c.relkind IN ('r', 'p')
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid = c.oid AND d.deptype = 'e'))
  /*only*/ AND c.oid = ANY (?::pg_catalog.oid[]) /*end*/
ORDER BY n.nspname, c.relname
