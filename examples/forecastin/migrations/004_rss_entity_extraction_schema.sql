-- strata:revision 004_rss_entity_extraction_schema
-- strata:parents 004_automated_materialized_view_refresh
-- strata:message RSS feeds, items and extracted entity mentions (imported)

-- strata:upgrade
CREATE TABLE IF NOT EXISTS rss_feeds (
    id SERIAL PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    last_fetched_at TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS rss_items (
    id BIGSERIAL PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES rss_feeds (id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    title TEXT NOT NULL,
    published_at TIMESTAMPTZ,
    UNIQUE (feed_id, guid)
);

CREATE TABLE IF NOT EXISTS rss_entity_mentions (
    item_id BIGINT NOT NULL REFERENCES rss_items (id) ON DELETE CASCADE,
    entity_id UUID NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    confidence DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (item_id, entity_id)
);

CREATE INDEX IF NOT EXISTS rss_entity_mentions_entity_idx ON rss_entity_mentions (entity_id);

-- strata:downgrade
DROP TABLE rss_entity_mentions;
DROP TABLE rss_items;
DROP TABLE rss_feeds;
