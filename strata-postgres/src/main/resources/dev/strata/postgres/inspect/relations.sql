-- The relations a schema read can name (tables, views, materialized views, sequences, indexes) with their oids,
-- so that a later read of some of them knows what they were called (and which of its queries can find nothing).
-- Parameter: 1 schemas (text[]). A read of some relations keeps the only-part, whose parameter is the oids of
-- the relations a change touched (oid[]), and reads what has to be read again with them: those relations;
-- the table of each index, sequence or partition among them; and the relation of every object that
-- depends on one of those (an index, an owned sequence, a view's rule, a default, a foreign key of another
-- table, a trigger, a partition), as its printed definition can name them.
SELECT c.oid::bigint AS oid,
       n.nspname AS schema,
       c.relname AS name,
       -- an identity column's sequence is read with its column (columns.sql), not by sequences.sql: kind 'q'
       CASE WHEN c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                                             WHERE i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                               AND i.objid = c.oid AND i.deptype = 'i')
            THEN 'q' ELSE c.relkind::text END AS kind,
       c.relhastriggers AS has_triggers,
       c.relhasrules AS has_rules
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I')
  AND n.nspname = ANY (?)
  /*only*/ AND c.oid = ANY (CAST((
      -- every step looks relations up by an indexed column with = ANY (an array), so a generic plan does not
      -- scan the catalogs whatever their size
      WITH seed AS (
          SELECT ?::pg_catalog.oid[] AS oids
      ), up AS (
          SELECT seed.oids
                 || ARRAY(SELECT d.refobjid FROM pg_catalog.pg_depend d
                          WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = ANY (seed.oids)
                            AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                            AND d.deptype IN ('a', 'i'))
                 || ARRAY(SELECT x.indrelid FROM pg_catalog.pg_index x WHERE x.indexrelid = ANY (seed.oids)) AS oids
          FROM seed
      )
      SELECT up.oids || ARRAY(
          SELECT CASE d.classid
                     WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN d.objid
                     WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass
                         THEN (SELECT r.ev_class FROM pg_catalog.pg_rewrite r WHERE r.oid = d.objid)
                     WHEN 'pg_catalog.pg_attrdef'::pg_catalog.regclass
                         THEN (SELECT ad.adrelid FROM pg_catalog.pg_attrdef ad WHERE ad.oid = d.objid)
                     WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass
                         THEN (SELECT con.conrelid FROM pg_catalog.pg_constraint con WHERE con.oid = d.objid)
                     WHEN 'pg_catalog.pg_trigger'::pg_catalog.regclass
                         THEN (SELECT tg.tgrelid FROM pg_catalog.pg_trigger tg WHERE tg.oid = d.objid)
                 END
          FROM pg_catalog.pg_depend d
          WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = ANY (up.oids))
      FROM up
  ) AS pg_catalog.oid[])) /*end*/
