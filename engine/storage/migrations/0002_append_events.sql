-- One round trip per group-commit batch (engine/storage/event-store.postgres.ts).
--
-- kefu_append_events does in one statement what kefu_allocate_seqs (0001) and a
-- separate INSERT did in two: create and lock the sessions' heads, find resent
-- client_msg_ids, hand out seqs, and insert the events. The client sends each payload
-- without its seq (a kefu.v1.SessionEvent encoded with seq unset); the seq field is
-- appended here (a protobuf parser merges fields in any order, the last one winning),
-- so nothing has to wait in the client while the heads are locked.
--
-- Resent client_msg_ids are found by one index probe each (a LATERAL lookup on
-- session_events_client_msg); 0001's join planned as a scan of the whole table.
-- kefu_allocate_seqs stays for nodes of the previous version during a rolling upgrade.

-- Byte-wise ("C") comparison for the text keys: equality is unchanged (it was already
-- byte equality), sorting and index searches skip the locale's strcoll, and range
-- reads order session ids by their UTF-8 bytes. Rebuilds the indexes on these columns
-- (the tables are locked while it runs): on a large existing log, run it in a quiet hour.
ALTER TABLE session_heads
  ALTER COLUMN session_id TYPE text COLLATE "C",
  ALTER COLUMN tenant_id TYPE text COLLATE "C";
ALTER TABLE session_events
  ALTER COLUMN session_id TYPE text COLLATE "C",
  ALTER COLUMN tenant_id TYPE text COLLATE "C",
  ALTER COLUMN client_msg_id TYPE text COLLATE "C";

-- Protobuf field 3 (seq, varint) of kefu.v1.SessionEvent: the tag byte 0x18, then the
-- varint of q (little-endian groups of 7 bits, high bit set on all but the last).
-- Inlined by the planner (so not STRICT): 1 to 4 bytes by arithmetic (q < 2^28), longer ones by a loop.
CREATE FUNCTION kefu_pb_seq_field_long(q bigint) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  out bytea := '\x18'::bytea;
  v bigint := q;
BEGIN
  IF q < 0 THEN
    RAISE EXCEPTION 'seq % is negative', q;
  END IF;
  LOOP
    IF v < 128 THEN
      RETURN out || set_byte('\x00'::bytea, 0, v::int);
    END IF;
    out := out || set_byte('\x00'::bytea, 0, ((v & 127) | 128)::int);
    v := v >> 7;
  END LOOP;
END
$$;

CREATE FUNCTION kefu_pb_seq_field(q bigint) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN q >= 0 AND q < 128 THEN set_byte('\x1800'::bytea, 1, q::int)
    WHEN q >= 0 AND q < 16384 THEN
      set_byte(set_byte('\x180000'::bytea, 1, ((q & 127) | 128)::int), 2, (q >> 7)::int)
    WHEN q >= 0 AND q < 2097152 THEN
      set_byte(set_byte(set_byte('\x18000000'::bytea, 1, ((q & 127) | 128)::int),
        2, (((q >> 7) & 127) | 128)::int), 3, (q >> 14)::int)
    WHEN q >= 0 AND q < 268435456 THEN
      set_byte(set_byte(set_byte(set_byte('\x1800000000'::bytea, 1, ((q & 127) | 128)::int),
        2, (((q >> 7) & 127) | 128)::int), 3, (((q >> 14) & 127) | 128)::int), 4, (q >> 21)::int)
    ELSE kefu_pb_seq_field_long(q)
  END
$$;

-- Appends one batch. Input: one element per event, in call order (a client_msg_id
-- repeated inside the batch is sent once); event i's payload (seq unset) is
-- substring(p_payloads FROM p_off[i] FOR p_len[i]). Output: one row per session that
-- got events, (session_id, base): its events got seqs base+1, base+2, … in input order;
-- and one row per resent message, (n, dup): the stored payload of event n, which is not
-- inserted. Heads are created, then locked in session_id order (as kefu_allocate_seqs
-- does: no deadlocks between nodes), so dedupe and seqs are exact until the caller's
-- transaction ends.
CREATE FUNCTION kefu_append_events(
  p_tenant text[], p_session text[], p_type text[], p_client text[],
  p_at timestamptz, p_payloads bytea, p_off int[], p_len int[]
) RETURNS TABLE (n int, session_id text, base bigint, dup bytea)
-- A generic plan guesses the arrays' lengths and ends in nested loops over thousands of
-- rows; a custom plan per batch (planned in about a millisecond) knows them.
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO session_heads AS h (session_id, tenant_id, last_seq, first_at, last_at)
    SELECT DISTINCT ON (u.s) u.s, u.t, 0, p_at, p_at FROM unnest(p_session, p_tenant) AS u(s, t)
    WHERE NOT EXISTS (SELECT 1 FROM session_heads x WHERE x.session_id = u.s)
    ORDER BY u.s
    ON CONFLICT ON CONSTRAINT session_heads_pkey DO NOTHING;
  PERFORM 1 FROM session_heads h WHERE h.session_id = ANY (p_session) ORDER BY h.session_id FOR UPDATE;
  RETURN QUERY
  WITH ev AS (
    SELECT u.t, u.s, u.y, u.c, u.o, u.l, u.n::int AS n
    FROM unnest(p_tenant, p_session, p_type, p_client, p_off, p_len) WITH ORDINALITY AS u(t, s, y, c, o, l, n)
  ), d AS (
    SELECT ev.n, x.payload
    FROM ev
    JOIN session_heads h ON h.session_id = ev.s
    CROSS JOIN LATERAL (
      -- At most one row matches (appends to a session are serialized by its head's lock).
      -- Only partitions that can hold the session are probed: none older than its first
      -- event, none newer than now (a day of slack each way for clock skew between nodes).
      SELECT e.payload FROM session_events e
      WHERE e.session_id = ev.s AND e.client_msg_id = ev.c
        AND e.at >= h.first_at - interval '1 day' AND e.at <= p_at + interval '1 day'
      LIMIT 1
    ) x
    WHERE ev.c IS NOT NULL
  ), fresh AS (
    SELECT ev.*, row_number() OVER (PARTITION BY ev.s ORDER BY ev.n) AS k
    FROM ev WHERE NOT EXISTS (SELECT 1 FROM d WHERE d.n = ev.n)
  ), counts AS (
    SELECT fresh.s, count(*) AS c FROM fresh GROUP BY fresh.s
  ), bumped AS (
    UPDATE session_heads h SET last_seq = h.last_seq + counts.c, last_at = greatest(h.last_at, p_at)
    FROM counts WHERE h.session_id = counts.s
    RETURNING h.session_id AS s, h.last_seq - counts.c AS b
  ), ins AS (
    -- No ON CONFLICT: the head's row lock makes (session_id, seq) unique; a conflict
    -- would be a bug, and failing the batch is better than acknowledging an unstored event.
    INSERT INTO session_events (tenant_id, session_id, seq, event_type, at, client_msg_id, payload)
    SELECT f.t, f.s, bumped.b + f.k, f.y, p_at, f.c,
           substring(p_payloads FROM f.o FOR f.l) || kefu_pb_seq_field(bumped.b + f.k)
    FROM fresh f JOIN bumped ON bumped.s = f.s
  )
  SELECT NULL::int, bumped.s, bumped.b, NULL::bytea FROM bumped
  UNION ALL
  SELECT d.n, NULL::text, NULL::bigint, d.payload FROM d;
END
$$;
