-- Corrosion measurements: a TimescaleDB hypertable, one chunk per month.
CREATE TABLE measurements (
    asset_uuid uuid NOT NULL REFERENCES assets (uuid),
    recorded_at timestamptz NOT NULL,
    potential_mv double precision,
    current_density double precision,
    PRIMARY KEY (asset_uuid, recorded_at)
);

SELECT create_hypertable('measurements', 'recorded_at', chunk_time_interval => INTERVAL '1 month');

CREATE INDEX idx_measurements_asset_time ON measurements (asset_uuid, recorded_at DESC);
