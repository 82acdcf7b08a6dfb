// Runs against the real PostgreSQL of .ci/services/postgres.sh (KEFU_TEST_PG_URL); fails without it.
import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { manualClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import { decodeEvent, type NewEvent, type SessionEvent } from "../events.ts";
import { createFaultProxy } from "../testing/fault-proxy.ts";
import { freshSchemaName, requirePgUrl } from "../testing/postgres.ts";
import { jsEventBatchDecoder, loadEventBatchDecoder } from "./event-codec.ts";
import { typicalEvent } from "./event-fixtures.ts";
import { msg, runEventStoreContract } from "./event-store.contract.ts";
import { encodeWithoutSeq, laneOf, textArrayLiteral } from "./event-store.postgres.batch.ts";
import {
  createPostgresEventStore,
  nextPeriod,
  type PostgresEventStoreOptions,
  partitionName,
  periodStart,
} from "./event-store.postgres.ts";
import { loadMigrations, MIGRATIONS_DIR } from "./migrate.ts";

const url = requirePgUrl();
const schemas: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), "kefu-pg-"));

afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await c.end();
});

function open(tag: string, extra: Partial<PostgresEventStoreOptions> = {}) {
  const schema = freshSchemaName(tag);
  schemas.push(schema);
  return createPostgresEventStore({ url, schema, maintenanceIntervalMs: 0, ...extra });
}

/** A query on `schema` through a connection of its own. */
async function sql<T extends pg.QueryResultRow>(schema: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

runEventStoreContract("postgres", () => open("contract"));

describe("postgres event store: migrations", () => {
  test("start-up applies the migrations once and records them", async () => {
    const schema = freshSchemaName("mig");
    schemas.push(schema);
    const a = await createPostgresEventStore({ url, schema, maintenanceIntervalMs: 0 });
    await a.close();
    const b = await createPostgresEventStore({ url, schema, maintenanceIntervalMs: 0 });
    await b.close();
    const rows = await sql<{ version: number; name: string }>(
      schema,
      "SELECT version, name FROM kefu_schema_migrations ORDER BY version",
    );
    expect(rows).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
    expect(rows.slice(0, 2)).toEqual([
      { version: 1, name: "0001_session_events" },
      { version: 2, name: "0002_append_events" },
    ]);
  });

  test("a failed migration stops start-up with a clear error and is rolled back", async () => {
    const dir = mkdtempSync(join(tmp, "mig-"));
    copyFileSync(join(MIGRATIONS_DIR, "0001_session_events.sql"), join(dir, "0001_session_events.sql"));
    writeFileSync(join(dir, "0002_broken.sql"), "CREATE TABLE half_done (id int);\nSELECT no_such_function();\n");
    const schema = freshSchemaName("bad");
    schemas.push(schema);
    const err = await createPostgresEventStore({ url, schema, migrationsDir: dir, maintenanceIntervalMs: 0 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KefuError);
    expect((err as KefuError).code).toBe("migration_failed");
    expect((err as KefuError).message).toMatch(/0002_broken\.sql failed.*no_such_function.*version 1/);
    expect(await sql(schema, "SELECT version FROM kefu_schema_migrations")).toEqual([{ version: 1 }]);
    expect(await sql(schema, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
  });

  test("an applied migration that was edited afterwards is refused", async () => {
    const dir = mkdtempSync(join(tmp, "mig-"));
    copyFileSync(join(MIGRATIONS_DIR, "0001_session_events.sql"), join(dir, "0001_session_events.sql"));
    const schema = freshSchemaName("edit");
    schemas.push(schema);
    await (await createPostgresEventStore({ url, schema, migrationsDir: dir, maintenanceIntervalMs: 0 })).close();
    writeFileSync(join(dir, "0001_session_events.sql"), "-- edited\n", { flag: "a" });
    const err = await createPostgresEventStore({ url, schema, migrationsDir: dir, maintenanceIntervalMs: 0 }).catch(
      (e: unknown) => e,
    );
    expect((err as KefuError).code).toBe("migration_mismatch");
    expect((err as KefuError).message).toMatch(/0001_session_events\.sql was changed/);
  });
});

describe("postgres event store: partitions and retention", () => {
  test("partition periods and names, daily and monthly (UTC)", () => {
    const t = Date.UTC(2026, 11, 31, 23, 59);
    expect(partitionName(periodStart(t, "day"), "day")).toBe("session_events_p20261231");
    expect(partitionName(nextPeriod(periodStart(t, "day"), "day"), "day")).toBe("session_events_p20270101");
    expect(partitionName(periodStart(t, "month"), "month")).toBe("session_events_p202612");
    expect(partitionName(nextPeriod(periodStart(t, "month"), "month"), "month")).toBe("session_events_p202701");
  });

  test("creates upcoming daily partitions and drops expired ones as the clock moves", async () => {
    const clock = manualClock(Date.UTC(2026, 0, 10, 12));
    const store = await open("part", { clock, partitionInterval: "day", partitionsAhead: 2, retentionDays: 3 });
    expect(await store.partitions()).toEqual([
      "session_events_p20260110",
      "session_events_p20260111",
      "session_events_p20260112",
    ]);
    const old = await store.append(msg("old", "1"));
    clock.advance(2 * 86_400_000); // Jan 12
    const kept = await store.append(msg("new", "1"));
    clock.advance(2 * 86_400_000); // Jan 14 12:00: cutoff Jan 11 12:00 drops Jan 10 only
    const report = await store.maintain();
    expect(report).toEqual({
      created: ["session_events_p20260114", "session_events_p20260115", "session_events_p20260116"],
      dropped: ["session_events_p20260110"],
    });
    expect(await store.readAfter("old", 0, 10)).toEqual([]);
    expect(await store.lastSeq("old")).toBe(0); // its head went with its last events
    expect(await store.readAfter("new", 0, 10)).toEqual([kept.event]);
    expect(old.event.seq).toBe(1);
    await store.close();
  });

  test("monthly partitions; retention 0 keeps everything", async () => {
    const clock = manualClock(Date.UTC(2026, 10, 23));
    const store = await open("month", { clock, partitionInterval: "month", partitionsAhead: 1, retentionDays: 0 });
    expect(await store.partitions()).toEqual(["session_events_p202611", "session_events_p202612"]);
    clock.advance(400 * 86_400_000);
    const r = await store.maintain();
    expect(r.dropped).toEqual([]);
    expect(r.created).toEqual(["session_events_p202712", "session_events_p202801"]);
    await store.close();
  });
});

describe("postgres event store: group commit", () => {
  test("with several small batches in flight, each session's seqs follow call order", async () => {
    const store = await open("pipeline", { maxBatch: 7, maxInFlight: 3 });
    const calls = Array.from({ length: 300 }, (_, i) => ({ session: `p${i % 3}`, id: `m${i}` }));
    const results = await Promise.all(calls.map((c) => store.append(msg(c.session, c.id))));
    for (const session of ["p0", "p1", "p2"]) {
      const mine = results.filter((r) => r.event.sessionId === session).map((r) => r.event.seq);
      expect(mine).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      const read = await store.readAfter(session, 0, 200);
      expect(read.map((e) => (e.body.type === "message" ? e.body.clientMsgId : ""))).toEqual(
        calls.filter((c) => c.session === session).map((c) => c.id),
      );
    }
    await store.close();
  });
});

describe("postgres event store: one statement per batch", () => {
  const sample: NewEvent = {
    tenantId: "t1",
    sessionId: "s1",
    actor: { kind: "agent", id: "a1" },
    body: { type: "message", clientMsgId: "c1", text: "您好 😀", attributes: { lang: "zh" } },
  };

  test("the seq field PostgreSQL appends decodes like the client's encoding, at every varint length", async () => {
    const schema = freshSchemaName("seqfield");
    schemas.push(schema);
    const store = await createPostgresEventStore({ url, schema, maintenanceIntervalMs: 0 });
    await store.close();
    const seqs = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, 2 ** 35, 2 ** 53 - 1];
    const rows = await sql<{ q: string; f: Buffer }>(
      schema,
      "SELECT q::text AS q, kefu_pb_seq_field(q) AS f FROM unnest($1::bigint[]) AS q",
      [seqs],
    );
    const at = Date.UTC(2026, 10, 23, 12);
    const prefix = encodeWithoutSeq(sample, at);
    const decoders = [jsEventBatchDecoder, loadEventBatchDecoder()];
    for (const [i, r] of rows.entries()) {
      const payload = Buffer.concat([prefix, r.f]);
      const want = { ...sample, seq: seqs[i] as number, atUnixMs: at };
      expect(r.q).toBe(String(seqs[i]));
      expect(decodeEvent(payload)).toEqual(want);
      for (const d of decoders) expect(d.decode([payload])).toEqual([want]);
    }
    const negative = await sql(schema, "SELECT kefu_pb_seq_field(-1)").catch((e: Error) => e);
    expect((negative as Error).message).toMatch(/seq -1 is negative/);
  });

  test("stored payloads decode, with either decoder, to the events the appends returned", async () => {
    const schema = freshSchemaName("payload");
    schemas.push(schema);
    const store = await createPostgresEventStore({ url, schema, maintenanceIntervalMs: 0 });
    const sent = Array.from({ length: 60 }, (_, i) => {
      const { seq: _s, atUnixMs: _a, ...e } = typicalEvent(i);
      return { ...e, sessionId: `sess-${i % 4}` } as NewEvent;
    });
    const results = await Promise.all(sent.map((e) => store.append(e)));
    await store.close();
    const rows = await sql<{ payload: Buffer }>(schema, "SELECT payload FROM session_events ORDER BY session_id, seq");
    const stored = results.map((r) => r.event).sort((a, b) => a.sessionId.localeCompare(b.sessionId) || a.seq - b.seq);
    expect(rows.map((r) => decodeEvent(r.payload))).toEqual(stored);
    for (const d of [jsEventBatchDecoder, loadEventBatchDecoder()])
      expect(d.decode(rows.map((r) => r.payload))).toEqual(stored);
  });

  test("ids with quotes, backslashes, commas, braces, NULL and non-ASCII survive the array literals", async () => {
    const ids = ['a"b', "c\\d", "e,f", "{g}", "NULL", "会话 😀", " h ", "i'j"];
    expect(textArrayLiteral(["x", null])).toBe('{"x",NULL}');
    const store = await open("quoting");
    const results = await Promise.all(ids.map((id) => store.append(msg(id, id))));
    expect(results.map((r) => [r.event.sessionId, r.event.seq, r.duplicate])).toEqual(ids.map((id) => [id, 1, false]));
    for (const id of ids) {
      const read = await store.readAfter(id, 0, 10);
      expect(read.map((e) => [e.sessionId, e.body.type === "message" ? e.body.clientMsgId : ""])).toEqual([[id, id]]);
    }
    const again = await Promise.all(ids.map((id) => store.append(msg(id, id))));
    expect(again.map((r) => [r.event.seq, r.duplicate])).toEqual(ids.map(() => [1, true]));
    await store.close();
  });

  test("sessions spread over lanes keep their call order; every lane is used", async () => {
    const sessions = Array.from({ length: 12 }, (_, i) => `lane-${i}`);
    expect(new Set(sessions.map((s) => laneOf(s, 3)))).toEqual(new Set([0, 1, 2]));
    for (const s of sessions) expect(laneOf(s, 3)).toBe(laneOf(s, 3));
    const store = await open("lanes", { lanes: 3, maxBatch: 5, maxInFlight: 2 });
    const calls = Array.from({ length: 600 }, (_, i) => ({ session: sessions[i % 12] as string, id: `m${i}` }));
    const results = await Promise.all(calls.map((c) => store.append(msg(c.session, c.id))));
    for (const session of sessions) {
      expect(results.filter((r) => r.event.sessionId === session).map((r) => r.event.seq)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const read = await store.readAfter(session, 0, 100);
      expect(read.map((e) => (e.body.type === "message" ? e.body.clientMsgId : ""))).toEqual(
        calls.filter((c) => c.session === session).map((c) => c.id),
      );
    }
    await store.close();
  });
});

describe("postgres event store: many nodes", () => {
  test("two stores appending to the same session get one gap-free sequence and one dedupe", async () => {
    const schema = freshSchemaName("nodes");
    schemas.push(schema);
    const a = await createPostgresEventStore({ url, schema, maintenanceIntervalMs: 0 });
    const b = await createPostgresEventStore({ url, schema, maintenanceIntervalMs: 0, migrateOnStart: false });
    const sends = Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).append(msg("shared", `m${i}`)));
    const dupA = a.append(msg("shared", "m3"));
    const results = await Promise.all(sends);
    const seqs = results.map((r) => r.event.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    const dup = await dupA;
    expect(dup.duplicate).toBe(true);
    expect(dup.event.seq).toBe(results[3]?.event.seq as number);
    expect(await b.lastSeq("shared")).toBe(400);
    await a.close();
    await b.close();
  });
});

describe("postgres event store: faults (TCP proxy)", () => {
  const target = new URL(url);
  const viaProxy = (port: number) => {
    const u = new URL(url);
    u.port = String(port);
    return u.toString();
  };

  test("blackhole: appends reject with a retryable error within the timeouts; recovery afterwards loses nothing", async () => {
    const proxy = await createFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
    const schema = freshSchemaName("blackhole");
    schemas.push(schema);
    const store = await createPostgresEventStore({
      url: viaProxy(proxy.port),
      schema,
      maintenanceIntervalMs: 0,
      connectTimeoutMs: 300,
      queryTimeoutMs: 300,
    });
    const acked = await store.append(msg("f", "before"));
    proxy.blackhole();
    const err = await store.append(msg("f", "during")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KefuError);
    expect((err as KefuError).code).toBe("store_unavailable");
    expect((err as KefuError).retryable).toBe(true);
    expect((err as KefuError).status).toBe(503);
    const pingErr = await store.ping().catch((e: unknown) => e);
    expect((pingErr as KefuError).code).toBe("store_unavailable");
    proxy.pass();
    const after = await store.append(msg("f", "after"));
    const all = await store.readAfter("f", 0, 10);
    expect(all[0]).toEqual(acked.event);
    expect(all.at(-1)).toEqual(after.event);
    // The refused "during" may or may not be stored; a client retry with its id is deduplicated.
    const retry = await store.append(msg("f", "during"));
    expect(
      (await store.readAfter("f", 0, 10)).filter((e) => e.body.type === "message" && e.body.clientMsgId === "during"),
    ).toHaveLength(1);
    expect(retry.event.seq).toBeGreaterThan(1);
    await store.close();
    await proxy.close();
  });

  test("an idle pooled connection the server resets is reported (onClientError) and the next append reconnects", async () => {
    const proxy = await createFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
    const schema = freshSchemaName("idlereset");
    schemas.push(schema);
    const errors: unknown[] = [];
    const store = await createPostgresEventStore({
      url: viaProxy(proxy.port),
      schema,
      maintenanceIntervalMs: 0,
      connectTimeoutMs: 1000,
      queryTimeoutMs: 1000,
      onClientError: (e) => errors.push(e),
    });
    await store.append(msg("idle", "before"));
    proxy.dropConnections(); // every pooled connection is idle now: the server side resets them
    const end = Date.now() + 5000;
    while (errors.length === 0 && Date.now() < end) await Bun.sleep(10);
    expect(errors.length).toBeGreaterThan(0);
    const after = await store.append(msg("idle", "after"));
    expect(after.event.seq).toBe(2);
    await store.close();
    await proxy.close();
  });

  test("under load: every acked event survives a blackhole; every other send is refused as retryable", async () => {
    const proxy = await createFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
    const schema = freshSchemaName("load");
    schemas.push(schema);
    const store = await createPostgresEventStore({
      url: viaProxy(proxy.port),
      schema,
      maintenanceIntervalMs: 0,
      connectTimeoutMs: 300,
      queryTimeoutMs: 300,
      maxBatch: 25,
    });
    type Outcome = { ok: true; event: SessionEvent } | { ok: false; error: unknown };
    const outcomes: Promise<Outcome>[] = [];
    for (let round = 0; round < 30; round++) {
      if (round === 10) proxy.blackhole();
      if (round === 20) proxy.pass();
      for (let i = 0; i < 20; i++) {
        const n = round * 20 + i;
        outcomes.push(
          store.append(msg(`L${n % 7}`, `m${n}`)).then(
            (r): Outcome => ({ ok: true, event: r.event }),
            (error: unknown): Outcome => ({ ok: false, error }),
          ),
        );
      }
      await Bun.sleep(20);
    }
    const settled = await Promise.all(outcomes);
    const acked = settled.flatMap((o) => (o.ok ? [o.event] : []));
    const refused = settled.flatMap((o) => (o.ok ? [] : [o.error]));
    expect(acked.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) {
      expect((e as KefuError).code).toBe("store_unavailable");
      expect((e as KefuError).retryable).toBe(true);
    }
    const stored = new Map<string, SessionEvent>();
    for (let k = 0; k < 7; k++) {
      const events = await store.readAfter(`L${k}`, 0, 1000);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // gap-free
      for (const e of events) stored.set(`${e.sessionId}/${e.seq}`, e);
    }
    for (const e of acked) expect(stored.get(`${e.sessionId}/${e.seq}`)).toEqual(e); // none lost
    expect(stored.size).toBeLessThanOrEqual(settled.length);
    await store.close();
    await proxy.close();
  }, 30_000);

  test("reset: appends reject with a retryable error, then recover", async () => {
    const proxy = await createFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
    const schema = freshSchemaName("reset");
    schemas.push(schema);
    const store = await createPostgresEventStore({
      url: viaProxy(proxy.port),
      schema,
      maintenanceIntervalMs: 0,
      connectTimeoutMs: 1000,
      queryTimeoutMs: 1000,
    });
    await store.append(msg("r", "1"));
    proxy.reset();
    const err = await store.append(msg("r", "2")).catch((e: unknown) => e);
    expect((err as KefuError).code).toBe("store_unavailable");
    expect((err as KefuError).retryable).toBe(true);
    proxy.pass();
    const ok = await store.append(msg("r", "3"));
    expect(ok.event.seq).toBe(2);
    expect((await store.readAfter("r", 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
    await store.close();
    await proxy.close();
  });

  test("start-up against an unreachable server fails with a retryable error instead of hanging", async () => {
    const proxy = await createFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
    proxy.blackhole();
    const err = await createPostgresEventStore({
      url: viaProxy(proxy.port),
      schema: freshSchemaName("down"),
      connectTimeoutMs: 200,
      queryTimeoutMs: 200,
    }).catch((e: unknown) => e);
    expect((err as KefuError).code).toBe("store_unavailable");
    expect((err as KefuError).retryable).toBe(true);
    await proxy.close();
  });
});
