-- strata:revision 20251002_096000
-- strata:parents 20251002_095000
-- strata:message Authentication: users, permissions, API keys, sessions

-- strata:upgrade
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email varchar(255) NOT NULL UNIQUE,
    username varchar(100) NOT NULL UNIQUE,
    hashed_password varchar(255) NOT NULL,
    role varchar(20) NOT NULL DEFAULT 'viewer',
    is_active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE permissions (
    id serial PRIMARY KEY,
    name varchar(100) NOT NULL UNIQUE,
    resource varchar(50) NOT NULL,
    action varchar(50) NOT NULL
);

-- Many-to-many: a user's grants go with the user or the permission; who granted it is kept loose.
CREATE TABLE user_permissions (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    permission_id integer NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,
    granted_by uuid REFERENCES users (id) ON DELETE SET NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, permission_id)
);

CREATE TABLE api_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key_hash varchar(255) NOT NULL UNIQUE,
    scopes text[] NOT NULL DEFAULT '{}',
    expires_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_api_keys_active ON api_keys (user_id) WHERE revoked_at IS NULL;

CREATE TABLE user_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Security audit: a session outlives the API key it was opened with.
    api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
    ip_address inet,
    user_agent text,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_sessions_user ON user_sessions (user_id, expires_at DESC);

-- strata:downgrade
DROP TABLE user_sessions;
DROP TABLE api_keys;
DROP TABLE user_permissions;
DROP TABLE permissions;
DROP TABLE users;
