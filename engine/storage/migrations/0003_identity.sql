-- Tenants, tenant API keys (SHA-256 of the secret only) and the JWT signing key set
-- (engine/auth/identity-store.postgres.ts): shared by every node.
CREATE TABLE IF NOT EXISTS kefu_tenants (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'disabled')),
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS kefu_api_keys (
  id text COLLATE "C" PRIMARY KEY,
  tenant_id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  hash text NOT NULL,
  created_at bigint NOT NULL,
  created_by text NOT NULL,
  expires_at bigint,
  revoked_at bigint,
  rotated_to text
);
CREATE INDEX IF NOT EXISTS kefu_api_keys_tenant ON kefu_api_keys (tenant_id, created_at DESC);

CREATE TABLE IF NOT EXISTS kefu_jwt_keys (
  kid text COLLATE "C" PRIMARY KEY,
  secret bytea NOT NULL,
  created_at bigint NOT NULL
);
