-- Indexes of tables and materialized views, with their key elements taken apart.
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
SELECT ic.oid::bigint AS oid,
       n.nspname AS schema,
       ic.relname AS name,
       t.relname AS table_name,
       x.indisunique AS is_unique,
       am.amname AS method,
       pg_catalog.pg_get_indexdef(ic.oid) AS definition,
       pg_catalog.pg_get_expr(x.indpred, x.indrelid, true) AS predicate,
       x.indisvalid AS valid,
       ARRAY(SELECT pg_catalog.pg_get_indexdef(ic.oid, k.n, true)
             FROM pg_catalog.generate_series(1, x.indnkeyatts::int) k(n) ORDER BY k.n) AS keys,
       ARRAY(SELECT pg_catalog.pg_get_indexdef(ic.oid, k.n, true)
             FROM pg_catalog.generate_series(x.indnkeyatts::int + 1, x.indnatts::int) k(n) ORDER BY k.n) AS include,
       ARRAY(SELECT CASE WHEN oc.opcdefault THEN ''
                         ELSE pg_catalog.quote_ident(ocn.nspname) || '.' || pg_catalog.quote_ident(oc.opcname) END
             FROM pg_catalog.unnest(x.indclass::oid[]) WITH ORDINALITY u(opc, ord)
             JOIN pg_catalog.pg_opclass oc ON oc.oid = u.opc
             JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
             ORDER BY u.ord) AS opclasses,
       ARRAY(SELECT CASE WHEN u.coll = 0 OR u.coll = a.attcollation OR a.attcollation IS NULL THEN ''
                         ELSE u.coll::pg_catalog.regcollation::text END
             FROM pg_catalog.unnest(x.indcollation::oid[]) WITH ORDINALITY u(coll, ord)
             LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[u.ord - 1]
             ORDER BY u.ord) AS collations,
       ARRAY(SELECT COALESCE(pg_catalog.array_to_string(a.attoptions, ','), '')
             FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = ic.oid AND a.attnum <= x.indnkeyatts ORDER BY a.attnum) AS opclass_params,
       x.indoption::int2[] AS key_options,
       con.conname AS constraint_name,
       pn.nspname AS parent_schema,
       pc.relname AS parent_name
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_constraint con
       ON con.conindid = ic.oid AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_catalog.pg_inherits ih ON ih.inhrelid = ic.oid
LEFT JOIN pg_catalog.pg_class pc ON pc.oid = ih.inhparent
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
WHERE t.relkind IN ('r', 'p', 'm')
  AND n.nspname = ANY (?)
  AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid = t.oid AND d.deptype = 'e'))
ORDER BY n.nspname, ic.relname
