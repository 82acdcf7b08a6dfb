-- Image attachments of visitor messages (gateway/attachments/store.ts): the record and
-- its bytes (bounded by realtime.attachmentMaxBytes), readable from every node.
CREATE TABLE IF NOT EXISTS kefu_attachments (
  id text COLLATE "C" PRIMARY KEY,
  tenant_id text COLLATE "C" NOT NULL,
  session_id text COLLATE "C" NOT NULL,
  mime text NOT NULL,
  bytes integer NOT NULL,
  name text NOT NULL,
  at_unix_ms bigint NOT NULL,
  data bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS kefu_attachments_session ON kefu_attachments (session_id);
