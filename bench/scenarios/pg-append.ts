/**
 * Scenario "pg-append": durable appends per second to the EventStore, group commit
 * against one transaction per event, on PostgreSQL and on SQLite, in one run.
 *
 * Closed loop: `BENCH_SENDERS` senders (default 20000) each append a message to one of
 * `BENCH_SESSIONS` sessions (default 1000), wait for the durable ack, and send again,
 * for `BENCH_SECONDS` (default 5) per case (the one-at-a-time baselines use at most 500
 * senders: more only queue behind one connection and drain after the time is up); `BENCH_ROUNDS` (3) rounds interleave the cases
 * and the best round of each is reported, with the CPU time per acked event of this
 * process and of all PostgreSQL server processes (other jobs' queries included). Cases:
 * - postgres, group commit: `createPostgresEventStore` (maxBatch `BENCH_BATCH`, 5000;
 *   2 lanes × 2 batches in flight; one `kefu_append_events` statement per batch).
 * - postgres, group commit on 1 lane (same, `lanes: 1`): what the lanes add.
 * - postgres, group commit, previous path: the store's batch before migration 0002 —
 *   `kefu_allocate_seqs` then `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING`
 *   then COMMIT, payloads as a hex `bytea[]`, 3 batches in flight, JIT left on
 *   (re-created here on the same schema, so the 0002 collation change helps it too).
 * - postgres, one transaction per event: the store with maxBatch 1 (3 lanes × 1 in flight).
 * - postgres, one plain INSERT per event: autocommit `INSERT … VALUES` per event over a
 *   pool of 10 connections (what code without batching does; seqs from a counter).
 * - sqlite, group commit vs maxBatch 1 (`synchronous=FULL`, a file in the temp dir).
 * Nothing is pinned: this process and PostgreSQL share all cores (the row says how many
 * and the load average).
 * PostgreSQL is the throwaway cluster of `.ci/services/postgres.sh` (started if needed;
 * `synchronous_commit=on`, `fsync=on`) or `KEFU_BENCH_PG_URL`. Each case works in a
 * fresh schema, dropped afterwards. BENCH_NO_RESULTS=1 prints rows without appending.
 *
 * @example
 *   npm run bench -- pg-append
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import type { NewEvent } from "../../engine/events.ts";
import { decodeEvent, encodeEvent } from "../../engine/events.ts";
import { createPostgresEventStore } from "../../engine/storage/event-store.postgres.ts";
import { createSqliteEventStore } from "../../engine/storage/event-store.sqlite.ts";
import type { EventStore } from "../../engine/storage/event-store.ts";
import { machineLine } from "../machine.ts";
import { appendResults } from "../results.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 20_000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// One-at-a-time baselines cannot use more concurrency than this, and would spend the run draining.
const BASE_SENDERS = Math.min(SENDERS, 500);

interface Row {
  case: string;
  senders: number;
  backend: "postgres" | "sqlite";
  events: number;
  perSec: number;
  /** CPU µs per acked event: this process, and all PostgreSQL processes (postgres cases). */
  cpu: string;
}

interface Run {
  n: number;
  ps: number;
  benchUs: number;
  pgUs: number;
}

/** CPU seconds (user + system) of every process named `postgres`, from /proc; NaN where there is no /proc. */
function postgresCpuSeconds(): number {
  let ticks = 0;
  try {
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        if (!readFileSync(`/proc/${d}/cmdline`, "latin1").startsWith("postgres")) continue;
        const f = readFileSync(`/proc/${d}/stat`, "latin1").split(") ")[1]?.split(" ") ?? [];
        ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // The process ended meanwhile.
      }
    }
  } catch {
    return Number.NaN;
  }
  return ticks / 100; // USER_HZ
}

function event(sender: number, n: number): NewEvent {
  return {
    tenantId: "bench",
    sessionId: `s${sender % SESSIONS}`,
    actor: { kind: "visitor", id: `v${sender}` },
    body: { type: "message", clientMsgId: `c${sender}-${n}`, text: "Hello, I would like to know where my order is." },
  };
}

/** Runs `senders` closed-loop senders for SECONDS against `append`; returns acked events per second and CPU per event. */
async function closedLoop(append: (sender: number, n: number) => Promise<unknown>, senders: number): Promise<Run> {
  let acked = 0;
  let stop = false;
  const pg0 = postgresCpuSeconds();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: senders }, async (_, s) => {
      for (let k = 0; !stop; k++) {
        await append(s, k);
        acked++;
        if (performance.now() >= end) stop = true;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    n: acked,
    ps: acked / secs,
    benchUs: (cpu.user + cpu.system) / acked,
    pgUs: ((postgresCpuSeconds() - pg0) * 1e6) / acked,
  };
}

/**
 * The store's group commit before migration 0002, for comparison: per batch BEGIN,
 * `kefu_allocate_seqs` (seqs + dedupe), `INSERT … unnest` of hex-encoded payloads, COMMIT;
 * up to 3 batches in flight, each taking its locks after the previous one holds its own.
 */
async function previousGroupCommit(url: string, schema: string) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: `-c synchronous_commit=on -c search_path=${schema}`,
  });
  interface P {
    e: NewEvent;
    resolve: () => void;
    reject: (e: unknown) => void;
  }
  let queue: P[] = [];
  let inFlight = 0;
  let scheduled = false;
  let lockChain: Promise<void> = Promise.resolve();
  async function write(batch: P[], prev: Promise<void>, locked: () => void) {
    const events = batch.map((p) => p.e);
    const atUnixMs = Date.now();
    const atIso = new Date(atUnixMs).toISOString();
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await prev;
      const alloc = await client.query<{ i: number; seq: string | null; dup: Buffer | null }>(
        "SELECT i, seq, dup FROM kefu_allocate_seqs($1::text[], $2::text[], $3::text[], $4::timestamptz)",
        [
          events.map((e) => e.sessionId),
          events.map((e) => e.tenantId),
          events.map((e) => (e.body.type === "message" ? e.body.clientMsgId : null)),
          atIso,
        ],
      );
      locked();
      const fresh = [];
      for (const row of alloc.rows) {
        const e = events[row.i - 1] as NewEvent;
        if (row.dup !== null) decodeEvent(row.dup);
        else fresh.push({ ...e, seq: Number(row.seq), atUnixMs });
      }
      await client.query(
        `INSERT INTO session_events (tenant_id, session_id, seq, event_type, at, client_msg_id, payload)
         SELECT t, s, q, y, $5::timestamptz, c, p
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $6::text[], $7::bytea[]) AS u(t, s, q, y, c, p)
         ON CONFLICT (session_id, seq, at) DO NOTHING`,
        [
          fresh.map((e) => e.tenantId),
          fresh.map((e) => e.sessionId),
          fresh.map((e) => e.seq),
          fresh.map((e) => e.body.type),
          atIso,
          fresh.map((e) => (e.body.type === "message" ? e.body.clientMsgId : null)),
          fresh.map((e) => Buffer.from(encodeEvent(e))),
        ],
      );
      await client.query("COMMIT");
      for (const p of batch) p.resolve();
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      for (const p of batch) p.reject(e);
    } finally {
      locked();
      client.release();
    }
  }
  function pump() {
    scheduled = false;
    while (queue.length > 0 && inFlight < 3) {
      const batch = queue.slice(0, BATCH);
      queue = queue.slice(BATCH);
      const prev = lockChain;
      let locked = () => {};
      lockChain = new Promise((r) => {
        locked = r;
      });
      inFlight++;
      write(batch, prev, locked).finally(() => {
        inFlight--;
        if (queue.length > 0 && !scheduled) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    }
  }
  return {
    append: (sender: number, n: number) =>
      new Promise<void>((resolve, reject) => {
        queue.push({ e: event(sender, n), resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(pump);
        }
      }),
    close: () => pool.end(),
  };
}

async function pgUrl(): Promise<string> {
  if (process.env.KEFU_BENCH_PG_URL) return process.env.KEFU_BENCH_PG_URL;
  const p = Bun.spawnSync(["bash", resolve(import.meta.dir, "../../.ci/services/postgres.sh")], { stderr: "inherit" });
  if (p.exitCode !== 0) throw new Error(".ci/services/postgres.sh failed");
  return p.stdout.toString().trim();
}

interface Case {
  label: string;
  backend: Row["backend"];
  senders: number;
  /** Opens a fresh target; `tag` makes its schema or file unique. */
  open(tag: string): Promise<{ append(sender: number, n: number): Promise<unknown>; close(): Promise<void> }>;
}

/** Runs the scenario and appends its rows to bench/RESULTS.md. */
export async function run(): Promise<void> {
  const url = await pgUrl();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const schemas: string[] = [];
  const schema = (tag: string) => {
    const s = `kefu_bench_${tag}_${process.pid}`;
    schemas.push(s);
    return s;
  };
  const dir = mkdtempSync(join(tmpdir(), "kefu-bench-append-"));
  const viaStore = (store: EventStore) => ({
    append: (s: number, k: number) => store.append(event(s, k)),
    close: () => store.close(),
  });
  const pgOpts = { url, poolSize: 10, maintenanceIntervalMs: 0, maxPending: 1_000_000 };
  const cases: Case[] = [
    {
      label: `group commit (maxBatch ${BATCH}, 2 lanes × 2 batches in flight)`,
      backend: "postgres",
      senders: SENDERS,
      open: async (tag) =>
        viaStore(await createPostgresEventStore({ ...pgOpts, schema: schema(`g${tag}`), maxBatch: BATCH })),
    },
    {
      label: `group commit, 1 lane (maxBatch ${BATCH}, 2 batches in flight)`,
      backend: "postgres",
      senders: SENDERS,
      open: async (tag) =>
        viaStore(await createPostgresEventStore({ ...pgOpts, schema: schema(`l${tag}`), maxBatch: BATCH, lanes: 1 })),
    },
    {
      label: `group commit, previous path (kefu_allocate_seqs + INSERT … unnest, maxBatch ${BATCH}, 3 in flight)`,
      backend: "postgres",
      senders: SENDERS,
      async open(tag) {
        const s = schema(`v${tag}`);
        await (await createPostgresEventStore({ ...pgOpts, schema: s })).close(); // migrations + partitions
        return previousGroupCommit(url, s);
      },
    },
    {
      label: "one transaction per event (maxBatch 1, 3 lanes × 1 in flight)",
      backend: "postgres",
      senders: BASE_SENDERS,
      open: async (tag) =>
        viaStore(
          await createPostgresEventStore({
            ...pgOpts,
            schema: schema(`o${tag}`),
            maxBatch: 1,
            // Three single-event statements at once, as the previous path's 3 in flight allowed.
            lanes: 3,
            maxInFlight: 1,
          }),
        ),
    },
    {
      label: "one plain INSERT per event (pool of 10)",
      backend: "postgres",
      senders: BASE_SENDERS,
      async open(tag) {
        const s = schema(`p${tag}`);
        await admin.query(`CREATE SCHEMA ${s}`);
        await admin.query(
          `CREATE TABLE ${s}.plain_events (session_id text, seq bigint, tenant_id text, at timestamptz, payload bytea, PRIMARY KEY (session_id, seq))`,
        );
        const pool = new pg.Pool({ connectionString: url, max: 10, options: "-c synchronous_commit=on" });
        const seqs = new Map<string, number>();
        return {
          async append(sender, k) {
            const e = event(sender, k);
            const seq = (seqs.get(e.sessionId) ?? 0) + 1;
            seqs.set(e.sessionId, seq);
            const payload = encodeEvent({ ...e, seq, atUnixMs: Date.now() });
            await pool.query(`INSERT INTO ${s}.plain_events VALUES ($1, $2, $3, now(), $4)`, [
              e.sessionId,
              seq,
              e.tenantId,
              Buffer.from(payload),
            ]);
          },
          close: () => pool.end(),
        };
      },
    },
    {
      label: `group commit (maxBatch ${BATCH})`,
      backend: "sqlite",
      senders: SENDERS,
      open: async (tag) =>
        viaStore(
          createSqliteEventStore({ path: join(dir, `group-${tag}.db`), maxBatch: BATCH, maxPending: 1_000_000 }),
        ),
    },
    {
      label: "one transaction per event (maxBatch 1)",
      backend: "sqlite",
      senders: BASE_SENDERS,
      open: async (tag) =>
        viaStore(createSqliteEventStore({ path: join(dir, `single-${tag}.db`), maxBatch: 1, maxPending: 1_000_000 })),
    },
  ];
  const best = new Map<Case, Run>();
  try {
    // Rounds interleave the cases, so a burst of load from other jobs hits all of them alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of cases) {
        const target = await c.open(String(round));
        const r = await closedLoop(target.append, c.senders);
        await target.close();
        console.log(
          `round ${round + 1}/${ROUNDS} ${c.backend} ${c.label}: ${r.n} events, ${Math.round(r.ps)}/s; CPU per event ${r.benchUs.toFixed(1)} µs bench, ${r.pgUs.toFixed(1)} µs postgres`,
        );
        if (r.ps > (best.get(c)?.ps ?? 0)) best.set(c, r);
      }
    }
  } finally {
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: Row[] = cases.map((c) => ({
    case: c.label,
    backend: c.backend,
    senders: c.senders,
    events: best.get(c)?.n ?? 0,
    perSec: best.get(c)?.ps ?? 0,
    cpu:
      c.backend === "postgres"
        ? `${(best.get(c)?.benchUs ?? 0).toFixed(1)} µs bench + ${(best.get(c)?.pgUs ?? 0).toFixed(1)} µs postgres`
        : `${(best.get(c)?.benchUs ?? 0).toFixed(1)} µs bench`,
  }));

  const machine = await machineLine();
  const date = new Date().toISOString().slice(0, 10);
  const base = (backend: Row["backend"]) =>
    rows.find((r) => r.backend === backend && r.case.startsWith("one transaction"))?.perSec ?? Number.NaN;
  const lines = rows.map(
    (r) =>
      `| ${date} | ${r.backend} | ${r.case} | ${r.events} | ${Math.round(r.perSec)} | **${(r.perSec / base(r.backend)).toFixed(2)}×** | ${r.cpu} | ${r.senders} senders, ${SESSIONS} sessions, best of ${ROUNDS} × ${SECONDS} s | ${machine}; 1-min load average ${(loadavg()[0] ?? 0).toFixed(1)} at the end on ${cpus().length} cores, nothing pinned | \`npm run bench -- pg-append\` |`,
  );
  for (const l of lines) console.log(l);
  if (process.env.BENCH_NO_RESULTS === "1") {
    console.log("BENCH_NO_RESULTS=1: not appending to bench/RESULTS.md");
    return;
  }
  await appendResults(
    "pg-append: durable EventStore appends, group commit vs one transaction per event",
    [
      "| date | backend | case | events acked | events/s | ratio vs one transaction per event | CPU per acked event | load | machine | command |",
      "|---|---|---|---|---|---|---|---|---|---|",
    ],
    lines,
  );
}
