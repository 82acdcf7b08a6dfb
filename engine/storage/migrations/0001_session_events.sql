-- The session event log on PostgreSQL (engine/storage/event-store.postgres.ts).
--
-- session_events is partitioned by event time (`at`), so retention drops whole
-- partitions. PostgreSQL requires a unique constraint on a partitioned table to
-- include the partition key, so the key is (session_id, seq, at). The uniqueness that
-- matters, one row per (session_id, seq), comes from session_heads: a small,
-- non-partitioned table with one row per session whose `last_seq` is the only place
-- seqs are handed out, under a row lock (kefu_allocate_seqs), so every node sees one
-- sequence per session. Partitions are created by the store (daily or monthly).

CREATE TABLE session_heads (
  session_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  last_seq bigint NOT NULL,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL
);
-- No index on last_at: seq updates stay HOT; the hourly retention pass scans this small table.

CREATE TABLE session_events (
  tenant_id text NOT NULL,
  session_id text NOT NULL,
  seq bigint NOT NULL,
  event_type text NOT NULL,
  at timestamptz NOT NULL,
  client_msg_id text,
  payload bytea NOT NULL, -- kefu.v1.SessionEvent (proto/kefu/v1)
  PRIMARY KEY (session_id, seq, at)
) PARTITION BY RANGE (at);

-- "A tenant's events in a time range" (exports); "a session's events in order" is the primary key.
CREATE INDEX session_events_tenant_at ON session_events (tenant_id, at);
-- Idempotent sends: look up a resent client_msg_id.
CREATE INDEX session_events_client_msg ON session_events (session_id, client_msg_id) WHERE client_msg_id IS NOT NULL;

-- Hands out seqs for one group-commit batch, in one round trip. Input: one element per
-- event, in call order (a client_msg_id repeated inside the batch is sent once).
-- Output: per 1-based index, the new seq, or the stored payload of the message that
-- already has this (session_id, client_msg_id). Heads are created, then locked in
-- session_id order (no deadlocks between nodes), so the dedupe check and the seqs are
-- exact while the caller's transaction lasts.
CREATE FUNCTION kefu_allocate_seqs(p_session text[], p_tenant text[], p_client text[], p_at timestamptz)
RETURNS TABLE (i int, seq bigint, dup bytea)
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO session_heads (session_id, tenant_id, last_seq, first_at, last_at)
    SELECT DISTINCT ON (u.s) u.s, u.t, 0, p_at, p_at FROM unnest(p_session, p_tenant) AS u(s, t) ORDER BY u.s
    ON CONFLICT (session_id) DO NOTHING;
  PERFORM 1 FROM session_heads h WHERE h.session_id = ANY (p_session) ORDER BY h.session_id FOR UPDATE;
  RETURN QUERY
  WITH ev AS (
    SELECT u.s, u.c, u.n::int AS n FROM unnest(p_session, p_client) WITH ORDINALITY AS u(s, c, n)
  ), d AS (
    SELECT DISTINCT ON (ev.n) ev.n, e.payload
    FROM ev
    JOIN session_heads h ON h.session_id = ev.s
    -- Prunes, at run time, the partitions older than the session (a day of slack for clock skew between nodes).
    JOIN session_events e ON e.session_id = ev.s AND e.client_msg_id = ev.c AND e.at >= h.first_at - interval '1 day'
    WHERE ev.c IS NOT NULL
    ORDER BY ev.n, e.seq
  ), fresh AS (
    SELECT ev.n, ev.s, row_number() OVER (PARTITION BY ev.s ORDER BY ev.n) AS k
    FROM ev WHERE NOT EXISTS (SELECT 1 FROM d WHERE d.n = ev.n)
  ), counts AS (
    SELECT fresh.s, count(*) AS c FROM fresh GROUP BY fresh.s
  ), bumped AS (
    UPDATE session_heads h SET last_seq = h.last_seq + counts.c, last_at = greatest(h.last_at, p_at)
    FROM counts WHERE h.session_id = counts.s
    RETURNING h.session_id, h.last_seq - counts.c AS base
  )
  SELECT fresh.n, bumped.base + fresh.k, NULL::bytea FROM fresh JOIN bumped ON bumped.session_id = fresh.s
  UNION ALL
  SELECT d.n, NULL::bigint, d.payload FROM d;
END
$$;
