-- Extensions the schema needs. PostGIS for asset locations, TimescaleDB for the measurements.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS timescaledb;
