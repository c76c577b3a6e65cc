-- TimescaleDB hypertables: time dimension and chunk interval, further dimensions, whether the default time
-- index exists, compression settings, and the compression, retention and reorder policies with their
-- schedules. Run only when the timescaledb extension is installed. Parameter: 1 schemas (text[]).
SELECT h.hypertable_schema AS schema,
       h.hypertable_name AS name,
       d.column_name::text AS time_column,
       COALESCE(d.time_interval::text, d.integer_interval::text) AS chunk_interval,
       ARRAY(SELECT s.column_name::text FROM timescaledb_information.dimensions s
             WHERE s.hypertable_schema = h.hypertable_schema AND s.hypertable_name = h.hypertable_name
               AND s.dimension_number > 1 ORDER BY s.dimension_number) AS dim_columns,
       ARRAY(SELECT COALESCE(s.num_partitions, 0)::text FROM timescaledb_information.dimensions s
             WHERE s.hypertable_schema = h.hypertable_schema AND s.hypertable_name = h.hypertable_name
               AND s.dimension_number > 1 ORDER BY s.dimension_number) AS dim_partitions,
       ARRAY(SELECT COALESCE(s.time_interval::text, s.integer_interval::text, '') FROM timescaledb_information.dimensions s
             WHERE s.hypertable_schema = h.hypertable_schema AND s.hypertable_name = h.hypertable_name
               AND s.dimension_number > 1 ORDER BY s.dimension_number) AS dim_intervals,
       EXISTS (SELECT FROM pg_catalog.pg_index i
               JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
               JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid
               JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
               WHERE tn.nspname = h.hypertable_schema AND tc.relname = h.hypertable_name
                 AND ic.relname = h.hypertable_name || '_' || d.column_name || '_idx'
                 AND pg_catalog.pg_get_indexdef(i.indexrelid) = pg_catalog.format(
                     'CREATE INDEX %I ON %I.%I USING btree (%I DESC)', ic.relname, tn.nspname, tc.relname,
                     d.column_name)) AS default_indexes,
       h.compression_enabled,
       ARRAY(SELECT s.attname::text FROM timescaledb_information.compression_settings s
             WHERE s.hypertable_schema = h.hypertable_schema AND s.hypertable_name = h.hypertable_name
               AND s.segmentby_column_index IS NOT NULL
             ORDER BY s.segmentby_column_index) AS segment_by,
       ARRAY(SELECT pg_catalog.quote_ident(s.attname::text)
                    || CASE WHEN s.orderby_asc THEN '' ELSE ' DESC' END
                    || CASE WHEN s.orderby_asc AND s.orderby_nullsfirst THEN ' NULLS FIRST'
                            WHEN NOT s.orderby_asc AND NOT s.orderby_nullsfirst THEN ' NULLS LAST'
                            ELSE '' END
             FROM timescaledb_information.compression_settings s
             WHERE s.hypertable_schema = h.hypertable_schema AND s.hypertable_name = h.hypertable_name
               AND s.orderby_column_index IS NOT NULL
             ORDER BY s.orderby_column_index) AS order_by,
       c.config ->> 'compress_after' AS compress_after,
       c.schedule_interval::text AS compress_schedule,
       r.config ->> 'drop_after' AS drop_after,
       r.schedule_interval::text AS retention_schedule,
       o.config ->> 'index_name' AS reorder_index,
       o.schedule_interval::text AS reorder_schedule
FROM timescaledb_information.hypertables h
JOIN timescaledb_information.dimensions d
     ON d.hypertable_schema = h.hypertable_schema AND d.hypertable_name = h.hypertable_name AND d.dimension_number = 1
LEFT JOIN LATERAL (SELECT j.config, j.schedule_interval FROM timescaledb_information.jobs j
                   WHERE j.proc_name = 'policy_compression' AND j.hypertable_schema = h.hypertable_schema
                     AND j.hypertable_name = h.hypertable_name ORDER BY j.job_id LIMIT 1) c ON true
LEFT JOIN LATERAL (SELECT j.config, j.schedule_interval FROM timescaledb_information.jobs j
                   WHERE j.proc_name = 'policy_retention' AND j.hypertable_schema = h.hypertable_schema
                     AND j.hypertable_name = h.hypertable_name ORDER BY j.job_id LIMIT 1) r ON true
LEFT JOIN LATERAL (SELECT j.config, j.schedule_interval FROM timescaledb_information.jobs j
                   WHERE j.proc_name = 'policy_reorder' AND j.hypertable_schema = h.hypertable_schema
                     AND j.hypertable_name = h.hypertable_name ORDER BY j.job_id LIMIT 1) o ON true
WHERE h.hypertable_schema::text = ANY (?)
ORDER BY h.hypertable_schema, h.hypertable_name
