-- strata:revision a001
-- strata:branch-labels analytics
-- strata:depends-on 002
-- strata:message Analytics: hourly bars of market_data (continuous aggregate)

-- strata:upgrade
-- The analytics team's own branch: released on its own schedule, but it reads market_data,
-- so it depends on 002 and Strata refuses to revert 002 under it without --cascade.
CREATE MATERIALIZED VIEW market_data_hourly
WITH (timescaledb.continuous) AS
SELECT symbol,
       time_bucket(INTERVAL '1 hour', time) AS bucket,
       first(open, time) AS open,
       max(high) AS high,
       min(low) AS low,
       last(close, time) AS close,
       sum(volume) AS volume
FROM market_data
GROUP BY symbol, bucket
WITH NO DATA;

-- strata:downgrade
DROP MATERIALIZED VIEW market_data_hourly;
