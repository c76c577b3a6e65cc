-- Comments on user objects, keyed by catalog, object and sub-object (column number). No parameters; a read of
-- some relations keeps the only-part, whose parameter is their oids (oid[]): comments on them and on their
-- constraints, triggers and rules, and every comment on a schema, type or function.
SELECT CASE d.classoid
           WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN 'class'
           WHEN 'pg_catalog.pg_namespace'::pg_catalog.regclass THEN 'namespace'
           WHEN 'pg_catalog.pg_type'::pg_catalog.regclass THEN 'type'
           WHEN 'pg_catalog.pg_proc'::pg_catalog.regclass THEN 'proc'
           WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN 'constraint'
           WHEN 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN 'trigger'
           WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN 'rule'
       END AS kind,
       d.objoid::bigint AS oid,
       d.objsubid AS subid,
       d.description
FROM pg_catalog.pg_description d
WHERE d.objoid >= 16384
  AND d.classoid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_namespace'::pg_catalog.regclass,
                     'pg_catalog.pg_type'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass,
                     'pg_catalog.pg_constraint'::pg_catalog.regclass, 'pg_catalog.pg_trigger'::pg_catalog.regclass,
                     'pg_catalog.pg_rewrite'::pg_catalog.regclass)
  /*only*/ AND (d.classoid IN ('pg_catalog.pg_namespace'::pg_catalog.regclass,
                              'pg_catalog.pg_type'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass)
               OR d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objoid = ANY (?::pg_catalog.oid[])
               OR d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objoid IN (
                   SELECT con.oid FROM pg_catalog.pg_constraint con WHERE con.conrelid = ANY (?::pg_catalog.oid[]))
               OR d.classoid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objoid IN (
                   SELECT tg.oid FROM pg_catalog.pg_trigger tg WHERE tg.tgrelid = ANY (?::pg_catalog.oid[]))
               OR d.classoid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objoid IN (
                   SELECT r.oid FROM pg_catalog.pg_rewrite r WHERE r.ev_class = ANY (?::pg_catalog.oid[]))) /*end*/
