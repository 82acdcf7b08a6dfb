/**
 * EventStore on PostgreSQL (pg): for more than one node, and for exports over time ranges.
 *
 * Schema: engine/storage/migrations (applied at start-up when `migrateOnStart`).
 * `session_events` is partitioned by event time; `session_heads` (one row per session)
 * hands out seqs under a row lock, so several nodes appending to one session still get
 * one gap-free sequence, and a resent `client_msg_id` is found while that lock is held.
 *
 * Group commit: appends queue while batches are being written. Sessions are spread over
 * `lanes` by a hash of their id; the next batch of a lane takes everything the lane queued
 * (up to `maxBatch`, many sessions) and writes it in ONE statement, its own transaction
 * with `synchronous_commit = on`: `kefu_append_events` (migration 0002) creates and locks
 * the sessions' heads, finds resent `client_msg_id`s, hands out seqs and inserts the
 * events. Payloads are encoded beforehand without their seq (PostgreSQL appends the seq
 * field), so nothing waits in JavaScript while the locks are held. Each append resolves
 * only after its batch's statement (and so its COMMIT) has returned. Within a lane, a batch
 * is sent only when the previous one has returned, so a session's seqs follow call order;
 * lanes share no session, so PostgreSQL runs them in parallel. Several nodes writing one
 * session serialize on its head's row lock (taken in session_id order: no deadlocks).
 *
 * Failure: every wait is bounded (`connectTimeoutMs` for a connection, `queryTimeoutMs`
 * for each statement). A batch that fails is rejected as a whole with
 * `KefuError("store_unavailable", 503, retryable)`, never acknowledged; the connection is
 * discarded and the next batch opens a fresh one, so the store recovers by itself when
 * PostgreSQL returns. (A COMMIT whose answer is lost may have stored the batch: a client
 * retry with the same `client_msg_id` then gets the stored event with `duplicate: true`.)
 *
 * @example
 *   const store = await createPostgresEventStore({ url: "postgres://kefu:kefu@127.0.0.1:55432/kefu" });
 *   const { event } = await store.append(newEvent);
 *   await store.close();
 */
import pg from "pg";
import { type Clock, systemClock } from "../clock.ts";
import { type Config, ConfigError } from "../config.ts";
import { KefuError } from "../errors.ts";
import { clientMsgIdOf, type NewEvent } from "../events.ts";
import type { Logger } from "../logger.ts";
import { type EventBatchDecoder, loadEventBatchDecoder } from "./event-codec.ts";
import { APPEND_SQL, type AppendRow, appendParams, batchResults, laneOf } from "./event-store.postgres.batch.ts";
import { type AppendResult, appendRefusal, type CommitInfo, type EventStore } from "./event-store.ts";
import { migrate } from "./migrate.ts";

/** Span of one `session_events` partition. */
export type PartitionInterval = "day" | "month";

/** Options of the PostgreSQL EventStore. */
export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Called after each group commit (for metrics); must not throw. */
  onCommit?: (info: CommitInfo) => void;
  /** Schema to work in (tests use a fresh one each); default: the role's search_path. */
  schema?: string;
  /** Most connections (default 10). */
  poolSize?: number;
  /** Longest wait for a connection, ms (default 5000). */
  connectTimeoutMs?: number;
  /** Longest wait for one statement, ms (default 10000). */
  queryTimeoutMs?: number;
  /** Apply pending migrations before anything else (default true). */
  migrateOnStart?: boolean;
  /** Migrations folder (tests); default engine/storage/migrations. */
  migrationsDir?: string;
  partitionInterval?: PartitionInterval;
  /** Upcoming partitions kept created, besides the current one (default 3). */
  partitionsAhead?: number;
  /** Partitions wholly older than this many days are dropped; 0 keeps all (default). */
  retentionDays?: number;
  /** How often `maintain` runs, ms (default 1 h); 0 disables the timer (tests call `maintain`). */
  maintenanceIntervalMs?: number;
  /** Most appends written in one transaction (default 2000). */
  maxBatch?: number;
  /** Most appends waiting for a commit; beyond it `append` rejects with "overloaded" (default 50000). */
  maxPending?: number;
  /**
   * Lanes (default 2): sessions are spread over lanes by a hash of their id; each lane
   * writes its own chain of batches, so PostgreSQL runs the lanes' batches in parallel.
   */
  lanes?: number;
  /** Most batches being written at once per lane (default 2; lanes × maxInFlight ≤ poolSize - 1). */
  maxInFlight?: number;
  clock?: Clock;
  decoder?: EventBatchDecoder;
  logger?: Logger;
  /** Told of every error a pooled client emits while idle (the server closed or reset it); the pool drops that client. */
  onClientError?: (error: unknown) => void;
}

/** What one maintenance pass did. */
export interface MaintenanceReport {
  created: string[];
  dropped: string[];
}

/** The PostgreSQL EventStore, with its maintenance pass exposed for tests and operators. */
export interface PostgresEventStore extends EventStore {
  /** Creates the current and upcoming partitions and drops expired ones (at `clock.now()`). */
  maintain(): Promise<MaintenanceReport>;
  /** Partition names, oldest first. */
  partitions(): Promise<string[]>;
}

interface Pending {
  event: NewEvent;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

const DAY = 86_400_000;

/**
 * UTC start of the partition period holding `ms`.
 *
 * @example
 *   periodStart(Date.UTC(2026, 10, 23, 15), "month") === Date.UTC(2026, 10, 1); // true
 */
export function periodStart(ms: number, interval: PartitionInterval): number {
  const d = new Date(ms);
  return interval === "day"
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
    : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/**
 * UTC start of the period after the one starting at `start`.
 *
 * @example
 *   nextPeriod(Date.UTC(2026, 11, 1), "month") === Date.UTC(2027, 0, 1); // true
 */
export function nextPeriod(start: number, interval: PartitionInterval): number {
  const d = new Date(start);
  return interval === "day" ? start + DAY : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/**
 * Partition table name of the period starting at `start`: `session_events_pYYYYMMDD` or `…_pYYYYMM`.
 *
 * @example
 *   partitionName(Date.UTC(2026, 10, 23), "day"); // "session_events_p20261123"
 */
export function partitionName(start: number, interval: PartitionInterval): string {
  const iso = new Date(start).toISOString();
  const ymd = iso.slice(0, 4) + iso.slice(5, 7) + (interval === "day" ? iso.slice(8, 10) : "");
  return `session_events_p${ymd}`;
}

function parsePartition(name: string): { start: number; interval: PartitionInterval } | null {
  const m = /^session_events_p(\d{4})(\d{2})(\d{2})?$/.exec(name);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, m[3] === undefined ? undefined : Number(m[3])];
  return d === undefined
    ? { start: Date.UTC(y, mo, 1), interval: "month" }
    : { start: Date.UTC(y, mo, d), interval: "day" };
}

/**
 * Maps the `storage.postgres` config section to store options; throws `ConfigError` when no URL is set.
 *
 * @example
 *   const store = await createPostgresEventStore({ ...postgresOptions(config.storage.postgres), logger });
 */
export function postgresOptions(c: Config["storage"]["postgres"]): PostgresEventStoreOptions {
  if (!c.url)
    throw new ConfigError(
      "KEFU_STORAGE_POSTGRES_URL (storage.postgres.url) is required when storage.eventStore is postgres",
    );
  return {
    url: c.url,
    poolSize: c.poolSize,
    connectTimeoutMs: c.connectTimeoutMs,
    queryTimeoutMs: c.queryTimeoutMs,
    migrateOnStart: c.migrateOnStart,
    partitionInterval: c.partitionInterval,
    partitionsAhead: c.partitionsAhead,
    retentionDays: c.retentionDays,
    maintenanceIntervalMs: c.maintenanceIntervalMs,
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function unavailable(e: unknown): KefuError {
  if (e instanceof KefuError) return e;
  return new KefuError(
    "store_unavailable",
    `event store (PostgreSQL) unavailable: ${(e as Error).message}; nothing was acknowledged, retry`,
    { status: 503, retryable: true, cause: e },
  );
}

/**
 * Connects, migrates (when `migrateOnStart`), creates the partitions and starts the
 * maintenance timer. Rejects with `migration_failed` or `store_unavailable` when it cannot.
 *
 * @example
 *   const store = await createPostgresEventStore({ url, retentionDays: 90, partitionInterval: "day" });
 */
export async function createPostgresEventStore(opts: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  const maxBatch = opts.maxBatch ?? 2000;
  const maxPending = opts.maxPending ?? 50_000;
  const poolSize = opts.poolSize ?? 10;
  // Every batch in flight holds a connection; one stays for reads and maintenance.
  const laneCount = Math.max(1, Math.min(opts.lanes ?? 2, poolSize - 1));
  const maxInFlight = Math.max(1, Math.min(opts.maxInFlight ?? 2, Math.floor((poolSize - 1) / laneCount)));
  const clock = opts.clock ?? systemClock;
  const decoder = opts.decoder ?? loadEventBatchDecoder();
  const interval = opts.partitionInterval ?? "day";
  const ahead = opts.partitionsAhead ?? 3;
  const retentionDays = opts.retentionDays ?? 0;
  const queryTimeoutMs = opts.queryTimeoutMs ?? 10_000;
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema))
    throw new KefuError("invalid_config", `schema ${JSON.stringify(opts.schema)} is not a plain lower-case name`);

  // Options in the URL (`?options=-c search_path=…`) would replace the pool's: merge them.
  let connectionString = opts.url;
  let urlOptions = "";
  try {
    const u = new URL(opts.url);
    urlOptions = u.searchParams.get("options") ?? "";
    u.searchParams.delete("options");
    connectionString = u.toString();
  } catch {
    // Not a URL (e.g. "host=… dbname=…"): pg reports it on connect.
  }
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    query_timeout: queryTimeoutMs,
    // The server gives up too (a little later), so a statement never outlives its client.
    statement_timeout: queryTimeoutMs + 1000,
    idle_in_transaction_session_timeout: queryTimeoutMs * 2,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
    application_name: "kefu",
    // jit=off: a batch statement's estimated cost passes jit_above_cost, and compiling it
    // took about a quarter of the backend's CPU in the pg-append benchmark.
    options: [urlOptions, "-c synchronous_commit=on -c jit=off", opts.schema ? `-c search_path=${opts.schema}` : ""]
      .filter(Boolean)
      .join(" "),
  });
  // An idle client that loses its server must not crash the process; the pool drops it.
  pool.on("error", (error) => {
    opts.logger?.warn("postgres idle client failed", { error });
    opts.onClientError?.(error);
  });

  try {
    if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    if (opts.migrateOnStart ?? true) await migrate(pool, { dir: opts.migrationsDir });
  } catch (e) {
    await pool.end().catch(() => {});
    throw e instanceof KefuError ? e : unavailable(e);
  }

  // A checked-out client whose socket fails emits "error" as well as failing its query;
  // the query's rejection is what we act on, the event must not crash the process.
  const ignore = () => {};
  async function checkout(): Promise<pg.PoolClient> {
    const client = await pool.connect();
    client.on("error", ignore);
    return client;
  }
  const checkin = (client: pg.PoolClient, destroy: boolean) => {
    client.off("error", ignore);
    client.release(destroy);
  };

  async function partitions(): Promise<string[]> {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'session_events'::regclass ORDER BY c.relname`,
    );
    return rows.map((r) => r.name);
  }

  async function maintain(): Promise<MaintenanceReport> {
    const now = clock.now();
    const client = await checkout();
    const report: MaintenanceReport = { created: [], dropped: [] };
    let failed = false;
    try {
      await client.query("BEGIN");
      // One node at a time: "kefp" in ASCII.
      await client.query("SELECT pg_advisory_xact_lock($1)", [0x6b656670]);
      const existing = new Set(
        (
          await client.query<{ name: string }>(
            `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'session_events'::regclass`,
          )
        ).rows.map((r) => r.name),
      );
      let start = periodStart(now, interval);
      for (let k = 0; k <= ahead; k++) {
        const end = nextPeriod(start, interval);
        const name = partitionName(start, interval);
        if (!existing.has(name)) {
          await client.query(
            `CREATE TABLE ${name} PARTITION OF session_events FOR VALUES FROM ('${new Date(start).toISOString()}') TO ('${new Date(end).toISOString()}')`,
          );
          existing.add(name);
          report.created.push(name);
        }
        start = end;
      }
      if (retentionDays > 0) {
        const cutoff = now - retentionDays * DAY;
        let oldestKept = Number.POSITIVE_INFINITY;
        for (const name of [...existing].sort()) {
          const p = parsePartition(name);
          if (!p) continue;
          if (nextPeriod(p.start, p.interval) <= cutoff) {
            await client.query(`DROP TABLE ${name}`);
            report.dropped.push(name);
          } else {
            oldestKept = Math.min(oldestKept, p.start);
          }
        }
        // Heads of sessions whose every event is gone; their seqs may start again at 1.
        if (report.dropped.length > 0 && Number.isFinite(oldestKept)) {
          await client.query("DELETE FROM session_heads WHERE last_at < $1", [new Date(oldestKept).toISOString()]);
        }
      }
      await client.query("COMMIT");
      return report;
    } catch (e) {
      failed = true;
      await client.query("ROLLBACK").catch(() => {});
      throw unavailable(e);
    } finally {
      checkin(client, failed);
    }
  }

  try {
    await maintain();
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
  const maintenanceMs = opts.maintenanceIntervalMs ?? 3_600_000;
  const timer =
    maintenanceMs > 0
      ? setInterval(() => {
          maintain().catch((error) => opts.logger?.error("event store maintenance failed", { error }));
        }, maintenanceMs)
      : undefined;
  timer?.unref?.();

  /**
   * A lane: the appends of the sessions that hash to it, written as a chain of batches.
   * Lanes share no session, so their batches run in parallel inside PostgreSQL (one
   * backend each) without waiting for each other's row locks.
   */
  interface Lane {
    queue: Pending[];
    inFlight: number;
    /** Resolves when the newest batch's statement has returned (its locks were taken and released). */
    lockChain: Promise<void>;
  }
  const lanes: Lane[] = Array.from({ length: laneCount }, () => ({
    queue: [],
    inFlight: 0,
    lockChain: Promise.resolve(),
  }));
  let queued = 0;
  let inFlight = 0;
  let closed = false;
  let scheduled = false;
  let idleWaiters: (() => void)[] = [];

  /**
   * Writes one batch in one statement (`kefu_append_events`, its own transaction).
   * `prevLocked` resolves once the previous batch's statement has returned: only then is
   * this one sent, so it asks for its session locks after the previous batch holds (or
   * has released) its own, and a session's seqs follow call order even with several
   * batches in flight. `locked` is this batch's signal. The payloads are encoded before
   * that wait, with their seq left out (PostgreSQL appends it), so no JavaScript runs
   * while the batch holds its locks.
   */
  async function writeBatch(batch: Pending[], prevLocked: Promise<void>, locked: () => void): Promise<AppendResult[]> {
    // A client_msg_id repeated inside the batch is sent once; the repeats get its result.
    const sent: number[] = [];
    const repeatOf = new Map<number, number>();
    const firstByKey = new Map<string, number>();
    batch.forEach(({ event }, i) => {
      const b = event.body;
      const client = clientMsgIdOf(b);
      if (client) {
        const key = `${event.sessionId}\u0000${client}`;
        const first = firstByKey.get(key);
        if (first !== undefined) {
          repeatOf.set(i, first);
          return;
        }
        firstByKey.set(key, i);
      }
      sent.push(i);
    });
    const events = sent.map((i) => (batch[i] as Pending).event);
    const atUnixMs = Math.floor(clock.now());
    const params = appendParams(events, atUnixMs);
    let client: pg.PoolClient;
    try {
      client = await checkout();
    } catch (e) {
      locked(); // the next batch must not wait for locks this one never took
      throw unavailable(e);
    }
    let ok = false;
    try {
      await prevLocked;
      const { rows } = await client.query<AppendRow>(APPEND_SQL, params);
      locked();
      ok = true;
      const results = batchResults(events, sent, batch.length, rows, atUnixMs);
      for (const [i, first] of repeatOf) {
        const r = results[first] as AppendResult;
        results[i] = { event: r.event, duplicate: true };
      }
      return results;
    } catch (e) {
      throw unavailable(e);
    } finally {
      locked();
      // A failed connection (timeout, reset) is discarded: the next batch gets a fresh one.
      checkin(client, !ok);
    }
  }

  // Group commit: everything a lane queued since its last dispatch becomes one batch (up
  // to maxBatch), while at most maxInFlight batches per lane are being written.
  function schedule(): void {
    if (scheduled || queued === 0) return;
    scheduled = true;
    setImmediate(pump);
  }

  function pump(): void {
    scheduled = false;
    for (const lane of lanes) {
      while (lane.queue.length > 0 && lane.inFlight < maxInFlight) {
        const batch = lane.queue.length <= maxBatch ? lane.queue : lane.queue.slice(0, maxBatch);
        lane.queue = lane.queue.length <= maxBatch ? [] : lane.queue.slice(maxBatch);
        queued -= batch.length;
        const prevLocked = lane.lockChain;
        let locked: () => void = () => {};
        lane.lockChain = new Promise((r) => {
          locked = r;
        });
        lane.inFlight++;
        inFlight++;
        const t0 = performance.now();
        writeBatch(batch, prevLocked, locked)
          .then(
            (results) => {
              opts.onCommit?.({ events: batch.length, ms: performance.now() - t0, ok: true });
              for (const [i, p] of batch.entries()) p.resolve(results[i] as AppendResult);
            },
            (e: unknown) => {
              opts.onCommit?.({ events: batch.length, ms: performance.now() - t0, ok: false });
              for (const p of batch) p.reject(e);
            },
          )
          .finally(() => {
            lane.inFlight--;
            inFlight--;
            if (lane.queue.length > 0) schedule();
            if (queued === 0 && inFlight === 0) {
              const waiters = idleWaiters;
              idleWaiters = [];
              for (const w of waiters) w();
            }
          });
      }
    }
  }

  const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw unavailable(e);
    }
  };

  return {
    kind: "postgres",
    append(event) {
      const refusal = appendRefusal(closed, queued, maxPending);
      if (refusal) return Promise.reject(refusal);
      return new Promise<AppendResult>((resolve, reject) => {
        (lanes[laneOf(event.sessionId, laneCount)] as Lane).queue.push({ event, resolve, reject });
        queued++;
        schedule();
      });
    },
    readAfter(sessionId, afterSeq, limit) {
      return wrap(async () => {
        const { rows } = await pool.query<{ payload: Buffer }>(
          // The bound on `at` lets PostgreSQL skip, at run time, partitions older than the session.
          `SELECT payload FROM session_events
           WHERE session_id = $1 AND seq > $2
             AND at >= (SELECT first_at - interval '1 day' FROM session_heads WHERE session_id = $1)
           ORDER BY seq LIMIT $3`,
          [sessionId, afterSeq, limit],
        );
        return decoder.decode(rows.map((r) => r.payload));
      });
    },
    lastSeq(sessionId) {
      return wrap(async () => {
        const { rows } = await pool.query<{ last_seq: string }>(
          "SELECT last_seq FROM session_heads WHERE session_id = $1",
          [sessionId],
        );
        return rows[0] ? Number(rows[0].last_seq) : 0;
      });
    },
    readRange(q) {
      return wrap(async () => {
        const a = q.after;
        const { rows } = await pool.query<{ payload: Buffer }>(
          `SELECT payload FROM session_events
           WHERE at >= $1::timestamptz AND at < $2::timestamptz AND ($3::text IS NULL OR tenant_id = $3)
             AND ($4::timestamptz IS NULL OR (at, session_id, seq) > ($4::timestamptz, $5::text, $6::bigint))
           ORDER BY at, session_id, seq LIMIT $7`,
          [
            new Date(q.fromMs).toISOString(),
            new Date(q.toMs).toISOString(),
            q.tenantId ?? null,
            a ? new Date(a.atUnixMs).toISOString() : null,
            a?.sessionId ?? "",
            a?.seq ?? 0,
            q.limit,
          ],
        );
        return decoder.decode(rows.map((r) => r.payload));
      });
    },
    ping() {
      return wrap(async () => {
        await pool.query("SELECT 1");
      });
    },
    maintain,
    partitions: () => wrap(partitions),
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      if (queued > 0 || inFlight > 0)
        await new Promise<void>((r) => {
          idleWaiters.push(r);
        });
      await pool.end();
    },
  } satisfies PostgresEventStore;
}
