-- TimescaleDB hypertables with their time dimension, compression settings and compression/retention
-- policies. Run only when the timescaledb extension is installed. Parameter: 1 schemas (text[]).
SELECT h.hypertable_schema AS schema,
       h.hypertable_name AS name,
       d.column_name::text AS time_column,
       COALESCE(d.time_interval::text, d.integer_interval::text) AS chunk_interval,
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
       (SELECT j.config ->> 'compress_after' FROM timescaledb_information.jobs j
        WHERE j.proc_name = 'policy_compression' AND j.hypertable_schema = h.hypertable_schema
          AND j.hypertable_name = h.hypertable_name
        ORDER BY j.job_id LIMIT 1) AS compress_after,
       (SELECT j.config ->> 'drop_after' FROM timescaledb_information.jobs j
        WHERE j.proc_name = 'policy_retention' AND j.hypertable_schema = h.hypertable_schema
          AND j.hypertable_name = h.hypertable_name
        ORDER BY j.job_id LIMIT 1) AS drop_after
FROM timescaledb_information.hypertables h
JOIN timescaledb_information.dimensions d
     ON d.hypertable_schema = h.hypertable_schema AND d.hypertable_name = h.hypertable_name AND d.dimension_number = 1
WHERE h.hypertable_schema::text = ANY (?)
ORDER BY h.hypertable_schema, h.hypertable_name
