-- The relations a read of some relations reads again, set as the transaction-local setting strata.reread (an
-- oid[] as text) for the only-parts of the queries sent after it in the same round trip. Parameter: 1 the oids of
-- the relations a change touched (oid[]). Read again: those relations; the table of each index, sequence or
-- partition among them; and the relation of every object that depends on one of those (an index, an owned
-- sequence, a view's rule, a default, a foreign key of another table, a trigger, a partition), as its printed
-- definition can name them.
SELECT pg_catalog.set_config('strata.reread', CAST((
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
) AS pg_catalog.text), true)
