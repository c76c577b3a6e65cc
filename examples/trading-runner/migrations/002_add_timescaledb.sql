-- strata:revision 002
-- strata:parents 001
-- strata:message TimescaleDB: market_data hypertable with compression

-- strata:upgrade
CREATE EXTENSION IF NOT EXISTS timescaledb;

CREATE TABLE market_data (
    time timestamptz NOT NULL,
    symbol varchar(20) NOT NULL,
    open numeric(18, 8) NOT NULL,
    high numeric(18, 8) NOT NULL,
    low numeric(18, 8) NOT NULL,
    close numeric(18, 8) NOT NULL,
    volume bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (symbol, time)
);
-- The partition key (time) is fixed from here on: changing it means a new table and a copy (see README).
SELECT create_hypertable('market_data', 'time', chunk_time_interval => INTERVAL '1 day');
ALTER TABLE market_data SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol',
                             timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('market_data', INTERVAL '7 days');

-- strata:downgrade
-- The extension stays: other databases on the server and the preload use it.
DROP TABLE market_data;
