-- TimescaleDB continuous aggregates with their refresh policy (its job names the aggregate in 2.2x, the
-- materialization hypertable before). Run only when the timescaledb extension is
-- installed. Parameter: 1 schemas (text[]).
SELECT ca.view_schema AS schema,
       ca.view_name AS name,
       ca.hypertable_schema AS hypertable_schema,
       ca.hypertable_name AS hypertable_name,
       ca.view_definition AS definition,
       ca.materialized_only,
       j.config ->> 'start_offset' AS start_offset,
       j.config ->> 'end_offset' AS end_offset,
       j.schedule_interval::text AS schedule_interval
FROM timescaledb_information.continuous_aggregates ca
LEFT JOIN LATERAL (
    SELECT jj.config, jj.schedule_interval FROM timescaledb_information.jobs jj
    WHERE jj.proc_name = 'policy_refresh_continuous_aggregate'
      AND ((jj.hypertable_schema = ca.materialization_hypertable_schema
            AND jj.hypertable_name = ca.materialization_hypertable_name)
           OR (jj.hypertable_schema = ca.view_schema AND jj.hypertable_name = ca.view_name))
    ORDER BY jj.job_id LIMIT 1
) j ON true
WHERE ca.view_schema::text = ANY (?)
ORDER BY ca.view_schema, ca.view_name
