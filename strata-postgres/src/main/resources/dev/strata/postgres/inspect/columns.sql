-- Columns of the tables of tables.sql, in attribute order, with identity sequence settings.
-- A default cannot mention a column, so it is printed without the table as context (relation 0), which prints
-- the same text without opening the table (a lock and a relation-cache entry per call); a generation
-- expression mentions columns and is printed with its table.
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
-- A read of some relations keeps the only-part, whose parameter is their oids (oid[]).
SELECT c.oid::bigint AS table_oid,
       a.attnum,
       a.attname AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0) END AS default_sql,
       CASE WHEN a.attgenerated = 's' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
       a.attidentity AS identity,
       CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::pg_catalog.regcollation::text END AS collation,
       NOT a.attislocal AS inherited,
       pg_catalog.format_type(s.seqtypid, NULL) AS seq_type,
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_depend sd ON a.attidentity <> ''
      AND sd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND sd.refobjid = c.oid
      AND sd.refobjsubid = a.attnum AND sd.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND sd.deptype = 'i'
LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = sd.objid
WHERE c.relkind IN ('r', 'p')
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid = c.oid AND d.deptype = 'e'))
  /*only*/ AND a.attrelid = ANY (?::pg_catalog.oid[]) /*end*/
ORDER BY c.oid, a.attnum
