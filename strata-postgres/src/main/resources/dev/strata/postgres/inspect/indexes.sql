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
-- pg_get_indexdef. The parts between since-15 markers are replaced by false on servers before 15.
-- Parameters: 1 schemas (text[]), 2 include extension-owned objects (boolean).
-- A read of some relations keeps the only-part, whose parameter is their oids (oid[]).
-- The default operator classes (opclass_defaults.sql, put in for the defaults marker) are summed up once per query,
-- in a materialized CTE: as a subquery the planner may put them on the inner side of a nested loop and scan
-- pg_opclass again for every index. A read of some relations after a change of nothing but relations passes the
-- summary it had (no such change adds an operator class) as five oid[] parameters instead, before the others.
WITH def AS MATERIALIZED (
/*defaults*/
)
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
                 AND e.default_opclasses
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
CROSS JOIN def
CROSS JOIN LATERAL (
    -- the key and INCLUDE elements, one row each with the column's pg_attribute row (none for an expression)
    SELECT COALESCE(pg_catalog.array_agg(k.key ORDER BY k.n) FILTER (WHERE k.n <= x.indnkeyatts), '{}') AS keys,
           COALESCE(pg_catalog.array_agg(k.key ORDER BY k.n) FILTER (WHERE k.n > x.indnkeyatts), '{}') AS include,
           COALESCE(pg_catalog.array_agg(k.opclass ORDER BY k.n) FILTER (WHERE k.n <= x.indnkeyatts), '{}') AS opclasses,
           COALESCE(pg_catalog.array_agg(k.collation ORDER BY k.n) FILTER (WHERE k.n <= x.indnkeyatts), '{}')
               AS collations,
           COALESCE(pg_catalog.bool_and(k.default_opclass) FILTER (WHERE k.n <= x.indnkeyatts), false)
               AS default_opclasses,
           ARRAY(SELECT COALESCE(pg_catalog.array_to_string(a.attoptions, ','), '')
                 FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = ic.oid AND a.attnum <= x.indnkeyatts ORDER BY a.attnum) AS opclass_params
    FROM (
        SELECT el.n,
               CASE WHEN el.att <> 0 THEN pg_catalog.quote_ident((el.a).attname)
                    ELSE pg_catalog.pg_get_indexdef(ic.oid, el.n, true) END AS key,
               CASE WHEN el.opc = ANY (def.all_oids) THEN ''
                    ELSE (SELECT pg_catalog.quote_ident(ocn.nspname) || '.' || pg_catalog.quote_ident(oc.opcname)
                          FROM pg_catalog.pg_opclass oc JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
                          WHERE oc.oid = el.opc) END AS opclass,
               CASE WHEN el.coll = 0 OR el.att = 0 OR el.coll = (el.a).attcollation THEN ''
                    ELSE el.coll::pg_catalog.regcollation::text END AS collation,
               -- the default operator class of the column's type, as GetDefaultOpClass decides (see above)
               COALESCE(CASE
                   WHEN el.att = 0 OR el.pos IS NULL THEN false
                   WHEN def.intypes[el.pos] = (el.a).atttypid THEN true
                   WHEN def.methods[el.pos] = ANY (def.generic_methods) OR (el.a).atttypid = ANY (def.intypes) THEN false
                   ELSE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_cast c
                                    WHERE c.castsource = (el.a).atttypid AND c.castmethod = 'b')
                        AND (SELECT CASE def.intypes[el.pos]
                                        WHEN 'pg_catalog.anyenum'::pg_catalog.regtype THEN ty.typtype = 'e'
                                        WHEN 'pg_catalog.anyrange'::pg_catalog.regtype THEN ty.typtype = 'r'
                                        WHEN pg_catalog.to_regtype('pg_catalog.anymultirange') THEN ty.typtype = 'm'
                                        WHEN 'pg_catalog.record'::pg_catalog.regtype
                                            THEN ty.typtype = 'c' AND ty.typrelid <> 0
                                        WHEN 'pg_catalog.anyarray'::pg_catalog.regtype
                                            THEN /*since 15*/ ty.typelem <> 0 AND ty.typsubscript
                                                 = 'pg_catalog.array_subscript_handler'::pg_catalog.regproc /*end*/
                                        ELSE false END
                             FROM pg_catalog.pg_type ty WHERE ty.oid = (el.a).atttypid)
               END, false) AS default_opclass
        FROM (
            SELECT g.n, x.indkey[g.n - 1] AS att, x.indclass[g.n - 1] AS opc, x.indcollation[g.n - 1] AS coll,
                   pg_catalog.array_position(def.oids, x.indclass[g.n - 1]) AS pos,
                   (SELECT a FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[g.n - 1]) AS a
            FROM pg_catalog.generate_series(1, x.indnatts::int) g(n)
            OFFSET 0 -- one pg_attribute lookup per element, however often its fields are used
        ) el
    ) k
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
  /*only*/ AND x.indrelid = ANY (?::pg_catalog.oid[]) /*end*/
ORDER BY n.nspname, ic.relname
