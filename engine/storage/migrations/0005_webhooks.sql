-- Event subscriptions and their delivery outbox (engine/webhooks/store.postgres.ts),
-- shared by every node: one row per (subscription, session, seq); a row's node claims it
-- by moving next_at_ms to the end of its lease (FOR UPDATE SKIP LOCKED).
CREATE TABLE IF NOT EXISTS kefu_webhook_subscriptions (
  id text COLLATE "C" PRIMARY KEY,
  tenant_id text COLLATE "C" NOT NULL,
  url text NOT NULL,
  events text NOT NULL,
  secret text NOT NULL,
  description text NOT NULL,
  created_at_ms bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS kefu_webhook_subscriptions_tenant ON kefu_webhook_subscriptions (tenant_id);

CREATE TABLE IF NOT EXISTS kefu_webhook_deliveries (
  id bigserial PRIMARY KEY,
  subscription_id text COLLATE "C" NOT NULL,
  tenant_id text COLLATE "C" NOT NULL,
  session_id text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  type text NOT NULL,
  payload text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_at_ms bigint NOT NULL,
  last_error text NOT NULL DEFAULT '',
  last_status integer NOT NULL DEFAULT 0,
  created_at_ms bigint NOT NULL,
  done_at_ms bigint NOT NULL DEFAULT 0,
  UNIQUE (subscription_id, session_id, seq)
);
-- Heads: pending rows by (subscription, session, seq); due rows by time; listings by tenant.
CREATE INDEX IF NOT EXISTS kefu_webhook_deliveries_heads ON kefu_webhook_deliveries (subscription_id, session_id, seq)
  WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS kefu_webhook_deliveries_due ON kefu_webhook_deliveries (next_at_ms) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS kefu_webhook_deliveries_tenant ON kefu_webhook_deliveries (tenant_id, id);
CREATE INDEX IF NOT EXISTS kefu_webhook_deliveries_done ON kefu_webhook_deliveries (done_at_ms) WHERE status = 'delivered';
