-- The default operator classes, summed up for indexes.sql (which puts this in for its defaults marker): all of
-- them; those not declared for a domain in three parallel arrays (oid, input type, access method); the access
-- methods with a default that accepts any type (or any of a kind that no rule of indexes.sql covers). No parameters.
SELECT ARRAY(SELECT d.oid FROM pg_catalog.pg_opclass d WHERE d.opcdefault) AS all_oids,
       pg_catalog.array_agg(oc.oid ORDER BY oc.oid) AS oids,
       pg_catalog.array_agg(oc.opcintype ORDER BY oc.oid) AS intypes,
       pg_catalog.array_agg(oc.opcmethod ORDER BY oc.oid) AS methods,
       -- (to_regtype: the multirange types are new in PostgreSQL 14)
       COALESCE(pg_catalog.array_agg(oc.opcmethod) FILTER (WHERE oc.opcintype = ANY ((SELECT ARRAY[
           'pg_catalog.any'::pg_catalog.regtype, 'pg_catalog.anyelement'::pg_catalog.regtype,
           'pg_catalog.anycompatible'::pg_catalog.regtype, 'pg_catalog.anynonarray'::pg_catalog.regtype,
           'pg_catalog.anycompatiblenonarray'::pg_catalog.regtype, 'pg_catalog.anycompatiblearray'::pg_catalog.regtype,
           'pg_catalog.anycompatiblerange'::pg_catalog.regtype,
           pg_catalog.to_regtype('pg_catalog.anycompatiblemultirange'),
           'pg_catalog.record[]'::pg_catalog.regtype])::oid[])), '{}') AS generic_methods
FROM pg_catalog.pg_opclass oc
WHERE oc.opcdefault
  AND (SELECT ty.typtype FROM pg_catalog.pg_type ty WHERE ty.oid = oc.opcintype) <> 'd'
