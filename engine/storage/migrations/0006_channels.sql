-- Channels (engine/channels/store.postgres.ts), shared by every node: which visitor session a
-- channel user writes to, tenants' own channel configs, and dead-lettered outbound replies.
CREATE TABLE IF NOT EXISTS kefu_channel_users (
  channel text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  tenant_id text COLLATE "C" NOT NULL,
  session_id text COLLATE "C" NOT NULL,
  visitor_id text NOT NULL,
  PRIMARY KEY (channel, user_id)
);
CREATE INDEX IF NOT EXISTS kefu_channel_users_session ON kefu_channel_users (session_id);

CREATE TABLE IF NOT EXISTS kefu_channel_configs (
  kind text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  tenant_id text COLLATE "C" NOT NULL,
  secret text NOT NULL,
  outbound_url text NOT NULL,
  created_at_ms bigint NOT NULL,
  PRIMARY KEY (kind, name)
);
CREATE INDEX IF NOT EXISTS kefu_channel_configs_tenant ON kefu_channel_configs (tenant_id);

CREATE TABLE IF NOT EXISTS kefu_channel_dead_letters (
  id bigserial PRIMARY KEY,
  channel text NOT NULL,
  user_id text NOT NULL,
  tenant_id text COLLATE "C" NOT NULL,
  session_id text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  actor text NOT NULL,
  text text NOT NULL,
  message_at_ms bigint NOT NULL,
  attempts integer NOT NULL,
  error text NOT NULL,
  at_ms bigint NOT NULL
);
