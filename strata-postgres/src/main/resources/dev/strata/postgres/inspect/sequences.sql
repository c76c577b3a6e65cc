-- Stand-alone sequences (not those of identity columns) with the column that owns each, if any.
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
-- A read of some relations keeps the only-part, whose parameter is their oids (oid[]).
SELECT c.oid::bigint AS oid,
       n.nspname AS schema,
       c.relname AS name,
       pg_catalog.format_type(s.seqtypid, NULL) AS seq_type,
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       tn.nspname AS owner_schema,
       t.relname AS owner_table,
       a.attname AS owner_column
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend o ON o.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND o.objid = c.oid
      AND o.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND o.refobjsubid > 0 AND o.deptype = 'a'
LEFT JOIN pg_catalog.pg_class t ON t.oid = o.refobjid
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = o.refobjid AND a.attnum = o.refobjsubid
WHERE n.nspname = ANY (?)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                  WHERE i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.objid = c.oid AND i.deptype = 'i')
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid = c.oid AND d.deptype = 'e'))
  /*only*/ AND s.seqrelid = ANY (?::pg_catalog.oid[]) /*end*/
ORDER BY n.nspname, c.relname
