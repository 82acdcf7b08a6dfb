import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { manualClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import { msg, runEventStoreContract } from "./event-store.contract.ts";
import { createSqliteEventStore } from "./event-store.sqlite.ts";

const dir = mkdtempSync(join(tmpdir(), "kefu-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
