/**
 * EventStore on an SQLite file (bun:sqlite, WAL, synchronous=FULL).
 * The embedded default: single node only; use PostgreSQL for more than one node.
 *
 * Group commit: appends made in the same turn of the event loop are written in
 * one transaction (up to `maxBatch`), so one fsync acknowledges many sends.
 *
 * @example
 *   const store = createSqliteEventStore({ path: "./data/events.db" });
 *   await store.append({ tenantId: "t1", sessionId: "s1", actor: { kind: "visitor", id: "v1" },
 *     body: { type: "message", clientMsgId: "c1", text: "hello" } });
 */
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Clock, systemClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import { clientMsgIdOf, decodeEvent, encodeEvent, type NewEvent, type SessionEvent } from "../events.ts";
import { type EventBatchDecoder, loadEventBatchDecoder } from "./event-codec.ts";
import { type AppendResult, appendRefusal, type CommitInfo, type EventStore } from "./event-store.ts";

/** Options of the SQLite EventStore. */
export interface SqliteEventStoreOptions {
  /** File path, or ":memory:" for tests. */
  path: string;
  /** Most appends written in one transaction. */
  maxBatch?: number;
  /** Most appends waiting for a commit; beyond it `append` rejects with "overloaded". */
  maxPending?: number;
  /** Sessions whose newest seq is kept in memory (a miss costs one indexed read). */
  maxCachedSessions?: number;
  clock?: Clock;
  /** Decodes `readAfter` pages; default: the native addon, else protobufjs (bench/RESULTS.md "decode"). */
  decoder?: EventBatchDecoder;
  /** Called after each group commit (for metrics); must not throw. */
  onCommit?: (info: CommitInfo) => void;
}

interface Pending {
  event: NewEvent;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

const SCHEMA_VERSION = 2;

/** Creates the SQLite adapter; the schema is created or migrated on open. */
export function createSqliteEventStore(opts: SqliteEventStoreOptions): EventStore {
  const maxBatch = opts.maxBatch ?? 512;
  const maxPending = opts.maxPending ?? 50_000;
  const maxCachedSessions = opts.maxCachedSessions ?? 200_000;
  const clock = opts.clock ?? systemClock;
  const decoder = opts.decoder ?? loadEventBatchDecoder();
  if (opts.path !== ":memory:") mkdirSync(dirname(opts.path), { recursive: true });
  const db = new Database(opts.path, { create: true, strict: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA synchronous = FULL");
  db.run("PRAGMA busy_timeout = 5000");
  migrate(db);

  const qLast = db.query<{ s: number | null }, [string]>(
    "SELECT MAX(seq) AS s FROM session_events WHERE session_id = ?",
  );
  const qDup = db.query<{ payload: Uint8Array }, [string, string]>(
    "SELECT payload FROM session_events WHERE session_id = ? AND client_msg_id = ?",
  );
  // A resent client_msg_id hits the partial unique index: the insert does nothing and the stored one is read back.
  const qInsert = db.query(
    "INSERT INTO session_events (session_id, seq, tenant_id, at_unix_ms, client_msg_id, payload) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const qRead = db.query<{ payload: Uint8Array }, [string, number, number]>(
    "SELECT payload FROM session_events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?",
  );
  // Exports: a time range, optionally of one tenant, in (time, session, seq) order, keyset-paged.
  const qRange = db.query<
    { payload: Uint8Array },
    [number, number, string | null, string | null, number, string, number, number]
  >(
    `SELECT payload FROM session_events
     WHERE at_unix_ms >= ? AND at_unix_ms < ? AND (? IS NULL OR tenant_id = ?)
       AND (at_unix_ms, session_id, seq) > (?, ?, ?)
     ORDER BY at_unix_ms, session_id, seq LIMIT ?`,
  );

  const queue: Pending[] = [];
  let scheduled = false;
  let closed = false;
  let idle: Promise<void> = Promise.resolve();
  let markIdle: () => void = () => {};

  // Newest seq per session, so an append costs one INSERT. This process is the only writer
  // (single node), so the cache stays exact; it is bounded, and a miss reads MAX(seq).
  const lastSeqs = new Map<string, number>();
  const rememberSeq = (sessionId: string, seq: number) => {
    lastSeqs.delete(sessionId);
    lastSeqs.set(sessionId, seq);
    if (lastSeqs.size > maxCachedSessions) {
      const oldest = lastSeqs.keys().next().value;
      if (oldest !== undefined) lastSeqs.delete(oldest);
    }
  };

  const writeBatch = db.transaction((batch: Pending[]) => {
    const results: AppendResult[] = [];
    for (const { event } of batch) {
      const body = event.body;
      const clientMsgId = clientMsgIdOf(body);
      const seq = (lastSeqs.get(event.sessionId) ?? qLast.get(event.sessionId)?.s ?? 0) + 1;
      const stored: SessionEvent = { ...event, seq, atUnixMs: Math.floor(clock.now()) };
      const { changes } = qInsert.run(
        event.sessionId,
        seq,
        event.tenantId,
        stored.atUnixMs,
        clientMsgId,
        encodeEvent(stored),
      );
      if (changes === 0) {
        const dup = clientMsgId === null ? null : qDup.get(event.sessionId, clientMsgId);
        if (!dup) throw new Error(`seq ${seq} of session ${event.sessionId} already exists`);
        results.push({ event: decodeEvent(dup.payload), duplicate: true });
        continue;
      }
      rememberSeq(event.sessionId, seq);
      results.push({ event: stored, duplicate: false });
    }
    return results;
  });

  function flush(): void {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const t0 = performance.now();
      try {
        const results = writeBatch(batch);
        opts.onCommit?.({ events: batch.length, ms: performance.now() - t0, ok: true });
        for (const [i, p] of batch.entries()) p.resolve(results[i] as AppendResult);
      } catch (e) {
        opts.onCommit?.({ events: batch.length, ms: performance.now() - t0, ok: false });
        // The transaction rolled back: none of this batch was stored, and cached seqs may be ahead.
        for (const p of batch) lastSeqs.delete(p.event.sessionId);
        const err = new KefuError("store_unavailable", `event store write failed: ${(e as Error).message}`, {
          status: 503,
          retryable: true,
          cause: e,
        });
        for (const p of batch) p.reject(err);
      }
    }
    markIdle();
  }

  return {
    kind: "sqlite",
    append(event) {
      const refusal = appendRefusal(closed, queue.length, maxPending);
      if (refusal) return Promise.reject(refusal);
      return new Promise<AppendResult>((resolve, reject) => {
        queue.push({ event, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          idle = new Promise((r) => {
            markIdle = r;
          });
          setImmediate(flush);
        }
      });
    },
    async readAfter(sessionId, afterSeq, limit) {
      return decoder.decode(qRead.all(sessionId, afterSeq, limit).map((r) => r.payload));
    },
    async lastSeq(sessionId) {
      return qLast.get(sessionId)?.s ?? 0;
    },
    async readRange(q) {
      const tenant = q.tenantId ?? null;
      const a = q.after ?? { atUnixMs: -1, sessionId: "", seq: 0 };
      const rows = qRange.all(q.fromMs, q.toMs, tenant, tenant, a.atUnixMs, a.sessionId, a.seq, q.limit);
      return decoder.decode(rows.map((r) => r.payload));
    },
    async ping() {
      db.query("SELECT 1").get();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (scheduled) await idle;
      db.close();
    },
  } satisfies EventStore;
}

function migrate(db: Database): void {
  const v = db.query<{ user_version: number }, []>("PRAGMA user_version").get()?.user_version ?? 0;
  if (v > SCHEMA_VERSION) {
    throw new Error(`event store schema version ${v} is newer than this kefu (${SCHEMA_VERSION}); upgrade kefu`);
  }
  if (v < 1) {
    db.transaction(() => {
      db.run(`CREATE TABLE session_events (
        session_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        tenant_id TEXT NOT NULL,
        at_unix_ms INTEGER NOT NULL,
        client_msg_id TEXT,
        payload BLOB NOT NULL,
        PRIMARY KEY (session_id, seq)
      ) WITHOUT ROWID`);
      db.run(
        "CREATE UNIQUE INDEX session_events_dedupe ON session_events (session_id, client_msg_id) WHERE client_msg_id IS NOT NULL",
      );
      db.run("PRAGMA user_version = 1");
    })();
  }
  if (v < 2) {
    db.transaction(() => {
      db.run("CREATE INDEX session_events_tenant_time ON session_events (tenant_id, at_unix_ms)");
      db.run("CREATE INDEX session_events_time ON session_events (at_unix_ms)");
      db.run("PRAGMA user_version = 2");
    })();
  }
}
