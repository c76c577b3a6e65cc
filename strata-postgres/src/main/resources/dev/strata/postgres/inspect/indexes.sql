-- Indexes of tables and materialized views, with their key elements taken apart. A plain column key (and every
-- INCLUDE column) is its quoted name, looked up by key in pg_attribute; only an expression key is deparsed with
-- pg_get_indexdef(index, column, true), so the deparsing work is one pg_get_indexdef per index plus one per
-- expression key. Per-element lookups are scalar subqueries on catalog keys, which stay linear whatever the
-- planner estimates; the default operator classes are read once (an init plan), so only the rare non-default
-- one is looked up. Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
SELECT ic.oid::bigint AS oid,
       n.nspname AS schema,
       ic.relname AS name,
       t.relname AS table_name,
       x.indisunique AS is_unique,
       am.amname AS method,
       pg_catalog.pg_get_indexdef(ic.oid) AS definition,
       pg_catalog.pg_get_expr(x.indpred, x.indrelid, true) AS predicate,
       x.indisvalid AS valid,
       ARRAY(SELECT CASE WHEN x.indkey[k.n - 1] <> 0
                         THEN (SELECT pg_catalog.quote_ident(a.attname) FROM pg_catalog.pg_attribute a
                               WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[k.n - 1])
                         ELSE pg_catalog.pg_get_indexdef(ic.oid, k.n, true) END
             FROM pg_catalog.generate_series(1, x.indnkeyatts::int) k(n) ORDER BY k.n) AS keys,
       ARRAY(SELECT (SELECT pg_catalog.quote_ident(a.attname) FROM pg_catalog.pg_attribute a
                     WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[k.n - 1])
             FROM pg_catalog.generate_series(x.indnkeyatts::int + 1, x.indnatts::int) k(n) ORDER BY k.n) AS include,
       ARRAY(SELECT CASE WHEN u.opc = ANY ((SELECT pg_catalog.array_agg(oc.oid) FROM pg_catalog.pg_opclass oc
                                             WHERE oc.opcdefault)::oid[]) THEN ''
                         ELSE (SELECT pg_catalog.quote_ident(ocn.nspname) || '.' || pg_catalog.quote_ident(oc.opcname)
                               FROM pg_catalog.pg_opclass oc JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
                               WHERE oc.oid = u.opc) END
             FROM pg_catalog.unnest(x.indclass::oid[]) WITH ORDINALITY u(opc, ord) ORDER BY u.ord) AS opclasses,
       ARRAY(SELECT CASE WHEN u.coll = 0 OR x.indkey[u.ord - 1] = 0
                              OR u.coll = (SELECT a.attcollation FROM pg_catalog.pg_attribute a
                                           WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[u.ord - 1])
                         THEN '' ELSE u.coll::pg_catalog.regcollation::text END
             FROM pg_catalog.unnest(x.indcollation::oid[]) WITH ORDINALITY u(coll, ord) ORDER BY u.ord) AS collations,
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
