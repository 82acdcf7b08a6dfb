-- The agent console's transcript index, session facts and canned responses
-- (engine/console/console-store.postgres.ts). Its optional pg_trgm index is created by the
-- store when the extension is available.
CREATE TABLE IF NOT EXISTS kefu_console_docs (
  tenant_id text NOT NULL,
  session_id text NOT NULL,
  seq bigint NOT NULL,
  at_ms bigint NOT NULL,
  kind text NOT NULL,
  actor text NOT NULL,
  actor_id text NOT NULL,
  text text NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE INDEX IF NOT EXISTS kefu_console_docs_tenant_at ON kefu_console_docs (tenant_id, at_ms DESC, session_id DESC, seq DESC);

CREATE TABLE IF NOT EXISTS kefu_console_facts (
  session_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  started_at bigint,
  queued_at bigint,
  assigned_at bigint,
  first_agent_at bigint,
  closed_at bigint
);
CREATE INDEX IF NOT EXISTS kefu_console_facts_closed ON kefu_console_facts (tenant_id, closed_at);
CREATE INDEX IF NOT EXISTS kefu_console_facts_assigned ON kefu_console_facts (tenant_id, assigned_at);

CREATE TABLE IF NOT EXISTS kefu_console_canned (
  tenant_id text NOT NULL,
  id text NOT NULL,
  title text NOT NULL,
  text text NOT NULL,
  updated_at bigint NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
