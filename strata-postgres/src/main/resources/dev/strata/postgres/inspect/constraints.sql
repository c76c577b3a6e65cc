-- Constraints of tables, except the per-partition copies PostgreSQL makes of a foreign key that references a
-- partitioned table. Column names are looked up one key element at a time by (relation, attnum), which stays
-- linear whatever the planner estimates (a join per constraint built a hash table of the table's attributes).
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
-- A read of some relations keeps the only-part, whose parameter is their oids (oid[]).
SELECT c.oid::bigint AS table_oid,
       con.oid::bigint AS oid,
       con.conname AS name,
       con.contype AS type,
       pg_catalog.pg_get_constraintdef(con.oid) AS definition,
       con.condeferrable AS deferrable,
       con.condeferred AS deferred,
       con.convalidated AS validated,
       con.connoinherit AS no_inherit,
       (NOT con.conislocal OR con.conparentid <> 0) AS inherited,
       ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a
                     WHERE a.attrelid = con.conrelid AND a.attnum = k.attnum)
             FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY k(attnum, ord) ORDER BY k.ord) AS columns,
       fn.nspname AS ref_schema,
       fc.relname AS ref_table,
       ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a
                     WHERE a.attrelid = con.confrelid AND a.attnum = k.attnum)
             FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY k(attnum, ord) ORDER BY k.ord) AS ref_columns,
       con.confupdtype AS on_update,
       con.confdeltype AS on_delete,
       con.confmatchtype AS match
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
  AND c.relkind IN ('r', 'p')
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid = c.oid AND d.deptype = 'e'))
  -- (conparentid = 0 first: an index lookup for the rare copy, not an anti-join over every constraint)
  AND (con.conparentid = 0 OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc
                                          WHERE pc.oid = con.conparentid AND pc.conrelid = con.conrelid))
  /*only*/ AND con.conrelid = ANY (?::pg_catalog.oid[]) /*end*/
ORDER BY c.oid, con.conname
