-- Pipeline assets.
CREATE TABLE assets (
    uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name varchar(255) NOT NULL,
    location geometry(Point, 4326),
    created_at timestamptz NOT NULL DEFAULT now(),
    asset_identifier varchar(100) NOT NULL
);

CREATE INDEX idx_assets_location ON assets USING gist (location);
CREATE UNIQUE INDEX uq_assets_asset_identifier ON assets (asset_identifier);
