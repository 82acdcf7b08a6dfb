import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { manualClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import { clientMsgIdOf, encodeEvent, type SessionEvent } from "../events.ts";
import { msg, runEventStoreContract } from "./event-store.contract.ts";
import { createSqliteEventStore } from "./event-store.sqlite.ts";

const dir = mkdtempSync(join(tmpdir(), "kefu-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Tables and indexes of a schema-4 file. */
const SCHEMA_4_NAMES = [
  "session_events",
  "session_events_tenant_time",
  "session_events_time",
  "session_index",
  "session_index_state",
];
const schemaNames = (db: Database) =>
  db
    .query<{ name: string }, []>(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);

let n = 0;
runEventStoreContract("sqlite", () => createSqliteEventStore({ path: join(dir, `contract-${n++}.db`) }));

describe("sqlite event store", () => {
  test("an acked event survives closing and reopening the file", async () => {
    const path = join(dir, "reopen.db");
    const a = createSqliteEventStore({ path });
    const acked = await a.append(msg("s", "c1", "kept"));
    await a.close();
    const b = createSqliteEventStore({ path });
    expect(await b.readAfter("s", 0, 10)).toEqual([acked.event]);
    expect((await b.append(msg("s", "c2"))).event.seq).toBe(2);
    await b.close();
  });

  test("the file is in WAL journal mode", async () => {
    const path = join(dir, "pragma.db");
    const s = createSqliteEventStore({ path });
    await s.append(msg("s", "x"));
    await s.close();
    const db = new Database(path);
    expect(db.query<{ journal_mode: string }, []>("PRAGMA journal_mode").get()?.journal_mode).toBe("wal");
    db.close();
  });

  test("a full write queue rejects new appends with a retryable overloaded error, keeping accepted ones", async () => {
    const s = createSqliteEventStore({ path: join(dir, "bounded.db"), maxPending: 3 });
    const accepted = [s.append(msg("q", "1")), s.append(msg("q", "2")), s.append(msg("q", "3"))];
    const err = await s.append(msg("q", "4")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KefuError);
    expect((err as KefuError).code).toBe("overloaded");
    expect((err as KefuError).retryable).toBe(true);
    expect((await Promise.all(accepted)).map((r) => r.event.seq)).toEqual([1, 2, 3]);
    await s.close();
  });

  test("group commit with a small maxBatch spreads a burst over transactions and keeps order", async () => {
    const s = createSqliteEventStore({ path: join(dir, "batch.db"), maxBatch: 7 });
    const r = await Promise.all(Array.from({ length: 50 }, (_, i) => s.append(msg("b", `m${i}`))));
    expect(r.map((x) => x.event.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await s.close();
  });

  test("onCommit reports every group commit: batch sizes add up to the appends, each within maxBatch", async () => {
    const commits: { events: number; ok: boolean }[] = [];
    const s = createSqliteEventStore({
      path: join(dir, "commits.db"),
      maxBatch: 7,
      onCommit: ({ events, ok, ms }) => {
        expect(ms).toBeGreaterThanOrEqual(0);
        commits.push({ events, ok });
      },
    });
    await Promise.all(Array.from({ length: 50 }, (_, i) => s.append(msg("c", `m${i}`))));
    expect(commits.reduce((n, c) => n + c.events, 0)).toBe(50);
    expect(commits.every((c) => c.ok && c.events >= 1 && c.events <= 7)).toBe(true);
    expect(commits.length).toBe(8);
    await s.close();
  });

  test("a resend after a restart is still a duplicate (the session's client_msg_ids are read back from the file)", async () => {
    const path = join(dir, "dedupe-restart.db");
    const a = createSqliteEventStore({ path });
    const first = await a.append(msg("r", "c1", "hello"));
    await a.append(msg("r", "c2"));
    await a.close();
    const b = createSqliteEventStore({ path });
    const again = await b.append(msg("r", "c1", "hello (resent)"));
    expect([again.duplicate, again.event.seq, again.event.body]).toEqual([true, 1, first.event.body]);
    expect((await b.append(msg("r", "c3"))).event.seq).toBe(3);
    await b.close();
  });

  test("sessions dropped from memory (session and id bounds) still dedupe and keep their seqs", async () => {
    for (const bounds of [{ maxCachedSessions: 1 }, { maxCachedIds: 2 }]) {
      const s = createSqliteEventStore({ path: ":memory:", ...bounds });
      for (const sessionId of ["x", "y", "z"]) for (const id of ["1", "2", "3"]) await s.append(msg(sessionId, id));
      for (const sessionId of ["x", "y", "z"]) {
        const again = await s.append(msg(sessionId, "2", "resent"));
        expect([sessionId, again.duplicate, again.event.seq]).toEqual([sessionId, true, 2]);
        expect((await s.append(msg(sessionId, "4"))).event.seq).toBe(4);
      }
      await s.close();
    }
  });

  test("two client_msg_ids with the same 32-bit hash are two messages (a hash match is checked against the row)", async () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    while (!pair) {
      const id = crypto.randomUUID(); // random ids meet on a 32-bit hash after ~80,000 (birthday bound)
      const h = Bun.hash.crc32(id);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, id];
      else seen.set(h, id);
    }
    const s = createSqliteEventStore({ path: ":memory:" });
    const a = await s.append(msg("h", pair[0]));
    const b = await s.append(msg("h", pair[1]));
    const c = await s.append(msg("h", pair[1], "resent"));
    expect([a.duplicate, b.duplicate, b.event.seq, c.duplicate, c.event.seq]).toEqual([false, false, 2, true, 2]);
    await s.close();
  });

  test("a file of schema 2 (clustered by session, on-disk dedupe index) is moved to schema 4 with every row", async () => {
    const path = join(dir, "schema2.db");
    const old = new Database(path);
    old.run(`CREATE TABLE session_events (session_id TEXT NOT NULL, seq INTEGER NOT NULL, tenant_id TEXT NOT NULL,
      at_unix_ms INTEGER NOT NULL, client_msg_id TEXT, payload BLOB NOT NULL, PRIMARY KEY (session_id, seq)) WITHOUT ROWID`);
    old.run(
      "CREATE UNIQUE INDEX session_events_dedupe ON session_events (session_id, client_msg_id) WHERE client_msg_id IS NOT NULL",
    );
    old.run("CREATE INDEX session_events_tenant_time ON session_events (tenant_id, at_unix_ms)");
    old.run("CREATE INDEX session_events_time ON session_events (at_unix_ms)");
    old.run("PRAGMA user_version = 2");
    const events = [msg("m", "a"), msg("m", "b"), msg("n", "a")].map((e, i) => ({
      ...e,
      seq: e.sessionId === "m" ? i + 1 : 1,
      atUnixMs: 1_700_000_000_000 + i,
    }));
    const ins = old.query("INSERT INTO session_events VALUES (?, ?, ?, ?, ?, ?)");
    for (const e of events)
      ins.run(e.sessionId, e.seq, e.tenantId, e.atUnixMs, clientMsgIdOf(e.body), encodeEvent(e as SessionEvent));
    old.close();
    const s = createSqliteEventStore({ path });
    expect(await s.readAfter("m", 0, 10)).toEqual(events.slice(0, 2));
    expect((await s.append(msg("m", "b", "resent"))).duplicate).toBe(true);
    expect((await s.append(msg("m", "c"))).event.seq).toBe(3);
    expect(await s.readRange({ fromMs: 0, toMs: 2_000_000_000_000, limit: 10 })).toHaveLength(4);
    await s.close();
    const db = new Database(path);
    expect(db.query<{ user_version: number }, []>("PRAGMA user_version").get()?.user_version).toBe(4);
    expect(schemaNames(db)).toEqual(SCHEMA_4_NAMES);
    db.close();
  });

  test("a file of schema 3 (an index on (session_id, seq) written per event) is moved to schema 4 in place", async () => {
    const path = join(dir, "schema3.db");
    const old = new Database(path);
    old.run(`CREATE TABLE session_events (id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, seq INTEGER NOT NULL,
      tenant_id TEXT NOT NULL, at_unix_ms INTEGER NOT NULL, client_msg_id TEXT, payload BLOB NOT NULL)`);
    old.run("CREATE UNIQUE INDEX session_events_seq ON session_events (session_id, seq)");
    old.run("CREATE INDEX session_events_tenant_time ON session_events (tenant_id, at_unix_ms)");
    old.run("CREATE INDEX session_events_time ON session_events (at_unix_ms)");
    old.run("PRAGMA user_version = 3");
    const events = [msg("m", "a"), msg("n", "a"), msg("m", "b")].map((e, i) => ({
      ...e,
      seq: e.sessionId === "m" ? (i === 0 ? 1 : 2) : 1,
      atUnixMs: 1_700_000_000_000 + i,
    }));
    const ins = old.query(
      "INSERT INTO session_events (session_id, seq, tenant_id, at_unix_ms, client_msg_id, payload) VALUES (?, ?, ?, ?, ?, ?)",
    );
    for (const e of events)
      ins.run(e.sessionId, e.seq, e.tenantId, e.atUnixMs, clientMsgIdOf(e.body), encodeEvent(e as SessionEvent));
    old.close();
    const s = createSqliteEventStore({ path });
    expect(await s.readAfter("m", 0, 10)).toEqual(events.filter((e) => e.sessionId === "m"));
    expect((await s.append(msg("m", "a", "resent"))).duplicate).toBe(true);
    expect((await s.append(msg("n", "b"))).event.seq).toBe(2);
    await s.close();
    const db = new Database(path);
    expect(db.query<{ user_version: number }, []>("PRAGMA user_version").get()?.user_version).toBe(4);
    expect(schemaNames(db)).toEqual(SCHEMA_4_NAMES);
    expect(db.query<{ n: number }, []>("SELECT COUNT(*) AS n FROM session_index").get()?.n).toBe(4);
    db.close();
  });

  test("rows past the session index (the tail) are read, deduped and counted like indexed ones, and merged in seq order", async () => {
    const s = createSqliteEventStore({ path: join(dir, "tail.db"), mergeRows: 4 });
    const acked: SessionEvent[] = [];
    // One at a time: merges happen after the 4th, 8th, … row; the last rows stay in the tail.
    for (let i = 1; i <= 10; i++) acked.push((await s.append(msg(i % 3 === 0 ? "b" : "a", `m${i}`))).event);
    const a = acked.filter((e) => e.sessionId === "a");
    expect(a.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Every window of session a, across the indexed part and the tail.
    for (let after = 0; after <= 7; after++)
      for (const limit of [1, 2, 3, 10])
        expect([after, limit, await s.readAfter("a", after, limit)]).toEqual([
          after,
          limit,
          a.slice(after, after + limit),
        ]);
    expect(await s.lastSeq("a")).toBe(7);
    expect(await s.lastSeq("b")).toBe(3);
    // m1 is indexed, m10 (seq 7 of a) is in the tail: both resends are duplicates.
    for (const [id, seq] of [
      ["m1", 1],
      ["m10", 7],
    ] as const) {
      const again = await s.append(msg("a", id, "resent"));
      expect([id, again.duplicate, again.event.seq]).toEqual([id, true, seq]);
    }
    expect((await s.append(msg("a", "m11"))).event.seq).toBe(8);
    await s.close();
  });

  test("after a crash the tail is found again from the file: reads, duplicates and the next seq are right", async () => {
    const path = join(dir, "crash.db");
    const a = createSqliteEventStore({ path, mergeRows: 1_000 });
    const acked: SessionEvent[] = [];
    for (let i = 1; i <= 5; i++) acked.push((await a.append(msg("c", `k${i}`))).event);
    // A crash image: the database file and its WAL as they are on disk now (every ack was fsynced).
    const copy = join(dir, "crash-copy.db");
    await Bun.write(copy, Bun.file(path));
    await Bun.write(`${copy}-wal`, Bun.file(`${path}-wal`));
    await a.close();
    const b = createSqliteEventStore({ path: copy });
    expect(await b.readAfter("c", 2, 10)).toEqual(acked.slice(2));
    expect(await b.lastSeq("c")).toBe(5);
    expect((await b.append(msg("c", "k3", "resent"))).event.seq).toBe(3);
    expect((await b.append(msg("c", "k6"))).event.seq).toBe(6);
    await b.close();
  });

  test("stamps events with the injected clock", async () => {
    const clock = manualClock(1_700_000_000_000);
    const s = createSqliteEventStore({ path: ":memory:", clock });
    expect((await s.append(msg("c", "1"))).event.atUnixMs).toBe(1_700_000_000_000);
    await s.close();
  });

  test("refuses a file written by a newer schema", () => {
    const path = join(dir, "newer.db");
    const db = new Database(path);
    db.run("PRAGMA user_version = 99");
    db.close();
    expect(() => createSqliteEventStore({ path })).toThrow(/newer than this kefu/);
  });

  test("appends after close are refused with a typed error", async () => {
    const s = createSqliteEventStore({ path: ":memory:" });
    await s.close();
    const err = await s.append(msg("z", "1")).catch((e: unknown) => e);
    expect((err as KefuError).code).toBe("shutting_down");
  });
});
