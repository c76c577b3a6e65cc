-- strata:revision 20251020_091000
-- strata:parents 20251020_090000
-- strata:message Assets and the measurements hypertable

-- strata:upgrade
CREATE TABLE assets (
    uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name varchar(255) NOT NULL,
    old_identifier varchar(100) NOT NULL,
    location geometry(Point, 4326),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX uq_assets_old_identifier ON assets (old_identifier);

CREATE TABLE measurements (
    asset_uuid uuid NOT NULL REFERENCES assets (uuid),
    recorded_at timestamptz NOT NULL,
    potential_mv double precision,
    current_density double precision,
    PRIMARY KEY (asset_uuid, recorded_at)
);
SELECT create_hypertable('measurements', 'recorded_at', chunk_time_interval => INTERVAL '1 month');
-- TimescaleDB refuses CREATE INDEX CONCURRENTLY on a hypertable; the table is new and empty here anyway.
CREATE INDEX idx_measurements_asset_time ON measurements (asset_uuid, recorded_at DESC);

-- strata:downgrade
-- Hypertables go before the extension would (and the extension stays).
DROP TABLE measurements;
DROP TABLE assets;
