-- Indexes of tables and materialized views, with their key elements taken apart. A plain column key (and every
-- INCLUDE column) is its quoted name, looked up by key in pg_attribute; only an expression key is deparsed with
-- pg_get_indexdef(index, column, true). Per-element lookups are scalar subqueries on catalog keys, which stay
-- linear whatever the planner estimates; the default operator classes are read once (init plans), so only the
-- rare non-default one is looked up.
-- The definition: pg_get_indexdef(index) costs a scan of the access method's operator classes for every key
-- (to leave out the default one), most of an inspection's deparsing time. An index whose keys are all plain
-- columns with their default collation and operator class, no per-key options or ordering, no storage
-- parameters, tablespace or NULLS NOT DISTINCT has its definition put together here instead, exactly as
-- pg_get_indexdef prints it (its predicate printed by pg_get_expr as pg_get_indexdef does it); every other index
-- is printed by pg_get_indexdef. The default operator class is decided as PostgreSQL's GetDefaultOpClass does:
-- the default one for the column's type itself, or for an enum, array, range, multirange or composite type the
-- access method's one default for that kind of type when no other default could accept the type; anything less
-- certain (a domain, an access method with a default for any type, a type with binary casts) goes to
-- pg_get_indexdef. The part between the since-15 markers is replaced by false on servers before 15.
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
SELECT ic.oid::bigint AS oid,
       n.nspname AS schema,
       ic.relname AS name,
       t.relname AS table_name,
       x.indisunique AS is_unique,
       am.amname AS method,
       CASE WHEN /*since 15*/ ic.relkind = 'i' AND ic.reloptions IS NULL AND ic.reltablespace = 0
                 AND NOT x.indnullsnotdistinct
                 AND 0 <> ALL (x.indkey::int2[]) AND 0 = ALL (x.indoption::int2[])
                 AND '' = ALL (e.collations) AND '' = ALL (e.opclass_params)
                 AND NOT EXISTS (
                     SELECT 1
                     FROM pg_catalog.unnest(x.indclass::oid[]) WITH ORDINALITY u(opc, ord)
                     CROSS JOIN LATERAL (
                         SELECT pg_catalog.array_position(def.oids, u.opc) AS pos,
                                (SELECT a.atttypid FROM pg_catalog.pg_attribute a
                                 WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[u.ord - 1]) AS typ
                         OFFSET 0) k
                     WHERE NOT COALESCE(CASE
                         WHEN k.pos IS NULL THEN false
                         WHEN def.intypes[k.pos] = k.typ THEN true
                         WHEN def.methods[k.pos] = ANY (def.generic_methods) OR k.typ = ANY (def.intypes) THEN false
                         ELSE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_cast c
                                          WHERE c.castsource = k.typ AND c.castmethod = 'b')
                              AND (SELECT CASE def.intypes[k.pos]
                                              WHEN 'pg_catalog.anyenum'::pg_catalog.regtype THEN ty.typtype = 'e'
                                              WHEN 'pg_catalog.anyrange'::pg_catalog.regtype THEN ty.typtype = 'r'
                                              WHEN 'pg_catalog.anymultirange'::pg_catalog.regtype THEN ty.typtype = 'm'
                                              WHEN 'pg_catalog.record'::pg_catalog.regtype
                                                  THEN ty.typtype = 'c' AND ty.typrelid <> 0
                                              WHEN 'pg_catalog.anyarray'::pg_catalog.regtype
                                                  THEN ty.typelem <> 0 AND ty.typsubscript
                                                       = 'pg_catalog.array_subscript_handler'::pg_catalog.regproc
                                              ELSE false END
                                   FROM pg_catalog.pg_type ty WHERE ty.oid = k.typ)
                         END, false))
                 /*end*/
            THEN 'CREATE ' || CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX '
                 || pg_catalog.quote_ident(ic.relname) || ' ON ' || pg_catalog.quote_ident(n.nspname) || '.'
                 || pg_catalog.quote_ident(t.relname) || ' USING ' || pg_catalog.quote_ident(am.amname) || ' ('
                 || pg_catalog.array_to_string(e.keys, ', ')
                 || CASE WHEN x.indnatts > x.indnkeyatts
                         THEN ') INCLUDE (' || pg_catalog.array_to_string(e.include, ', ') ELSE '' END
                 || ')' || COALESCE(' WHERE ' || pg_catalog.pg_get_expr(x.indpred, x.indrelid), '')
            ELSE pg_catalog.pg_get_indexdef(ic.oid) END AS definition,
       pg_catalog.pg_get_expr(x.indpred, x.indrelid, true) AS predicate,
       x.indisvalid AS valid,
       e.keys,
       e.include,
       e.opclasses,
       e.collations,
       e.opclass_params,
       x.indoption::int2[] AS key_options,
       con.conname AS constraint_name,
       pn.nspname AS parent_schema,
       pc.relname AS parent_name
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
CROSS JOIN (
    -- the default operator classes (not those declared for a domain), in three parallel arrays; the types that
    -- have one; the access methods with a default that accepts any type (or any of a kind that no rule above covers)
    SELECT pg_catalog.array_agg(oc.oid ORDER BY oc.oid) AS oids,
           pg_catalog.array_agg(oc.opcintype ORDER BY oc.oid) AS intypes,
           pg_catalog.array_agg(oc.opcmethod ORDER BY oc.oid) AS methods,
           COALESCE(pg_catalog.array_agg(oc.opcmethod) FILTER (WHERE oc.opcintype IN (
               'pg_catalog.any'::pg_catalog.regtype, 'pg_catalog.anyelement'::pg_catalog.regtype,
               'pg_catalog.anycompatible'::pg_catalog.regtype, 'pg_catalog.anynonarray'::pg_catalog.regtype,
               'pg_catalog.anycompatiblenonarray'::pg_catalog.regtype, 'pg_catalog.anycompatiblearray'::pg_catalog.regtype,
               'pg_catalog.anycompatiblerange'::pg_catalog.regtype,
               'pg_catalog.anycompatiblemultirange'::pg_catalog.regtype, 'pg_catalog.record[]'::pg_catalog.regtype)),
               '{}') AS generic_methods
    FROM pg_catalog.pg_opclass oc
    WHERE oc.opcdefault
      AND (SELECT ty.typtype FROM pg_catalog.pg_type ty WHERE ty.oid = oc.opcintype) <> 'd'
) def
CROSS JOIN LATERAL (
    SELECT ARRAY(SELECT CASE WHEN x.indkey[k.n - 1] <> 0
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
                 WHERE a.attrelid = ic.oid AND a.attnum <= x.indnkeyatts ORDER BY a.attnum) AS opclass_params
    OFFSET 0 -- evaluated once per index, not once per use
) e
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
