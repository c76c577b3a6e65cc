-- ML A/B testing framework: experiments, variants, assignments

BEGIN;

CREATE TABLE IF NOT EXISTS ml_experiments (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    name TEXT NOT NULL UNIQUE,
    feature_flag_id INTEGER REFERENCES feature_flags (id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'stopped')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS ml_experiment_variants (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    experiment_id UUID NOT NULL REFERENCES ml_experiments (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    model_version TEXT NOT NULL,
    traffic_weight INTEGER NOT NULL DEFAULT 50,
    UNIQUE (experiment_id, name)
);

COMMIT;
