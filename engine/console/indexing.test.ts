// The console index feed: appends never wait for it; duplicates are not queued; the queue is
// bounded (drops are counted); a failed write is retried once, then dropped and counted.
import { expect, test } from "bun:test";
import type { NewEvent } from "../events.ts";
import { createSqliteEventStore } from "../storage/event-store.sqlite.ts";
import { createSqliteConsoleStore } from "./console-store.sqlite.ts";
import type { ConsoleStore } from "./console-store.ts";
import { BATCH, withConsoleIndex } from "./indexing.ts";

const msg = (id: string, text: string): NewEvent => ({
  tenantId: "t1",
  sessionId: "s1",
  actor: { kind: "visitor", id: "v" },
  body: { type: "message", clientMsgId: id, text },
});

test("appended messages become searchable; a duplicate append is indexed once", async () => {
  const inner = createSqliteEventStore({ path: ":memory:" });
  const cs = createSqliteConsoleStore({ path: ":memory:" });
  const ix = withConsoleIndex(inner, cs);
  await ix.store.append(msg("c1", "where is my parcel"));
  await ix.store.append(msg("c1", "where is my parcel"));
  await ix.store.append(msg("c2", "the parcel is late"));
  await ix.flush();
  const r = await cs.search({ tenantId: "t1", text: "parcel", limit: 10 });
  expect(r.hits.map((h) => h.seq)).toEqual([2, 1]);
  expect(ix.dropped).toBe(0);
  expect(await ix.store.readAfter("s1", 0, 10)).toHaveLength(2);
  await ix.store.close();
  await cs.close();
});

test("a full queue drops and counts; a write failing twice drops its batch; the appends all succeed", async () => {
  const inner = createSqliteEventStore({ path: ":memory:" });
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let calls = 0;
  let failing = false;
  const slow = {
    index: async () => {
      calls++;
      await gate;
      if (failing) throw new Error("down");
    },
  } as unknown as ConsoleStore;
  const ix = withConsoleIndex(inner, slow, { maxQueued: 3, delayMs: 0 });
  // The first event is taken by the (blocked) writer; 3 more fill the queue; 2 are dropped.
  const acks = [];
  for (let i = 0; i < 6; i++) {
    acks.push(await ix.store.append(msg(`c${i}`, `m${i}`)));
    if (i === 0) await Bun.sleep(5); // let the writer take the first batch
  }
  expect(acks.map((a) => a.event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(ix.dropped).toBe(2);
  expect(ix.queued).toBe(3);
  failing = true;
  release();
  await ix.flush();
  // Batch 1 ([1]) failed twice, batch 2 ([2..4]) failed twice: all of them dropped.
  expect(calls).toBe(4);
  expect(ix.dropped).toBe(6);
  expect(ix.queued).toBe(0);
  await ix.store.close();
});

test("events wait for one another and go in one write; flush and a full batch do not wait for the delay", async () => {
  const inner = createSqliteEventStore({ path: ":memory:" });
  const writes: number[] = [];
  const counting = {
    index: async (events: readonly unknown[]) => {
      writes.push(events.length);
    },
  } as unknown as ConsoleStore;
  const ix = withConsoleIndex(inner, counting, { delayMs: 60_000, maxQueued: 10 * BATCH });
  await Promise.all(Array.from({ length: 50 }, (_, i) => ix.store.append(msg(`a${i}`, `m${i}`))));
  expect(writes).toEqual([]); // waiting for more (the delay is a minute)
  await ix.flush();
  expect(writes).toEqual([50]);
  await Promise.all(Array.from({ length: BATCH }, (_, i) => ix.store.append(msg(`b${i}`, `m${i}`))));
  while (writes.length < 2) await Bun.sleep(1); // a full batch is written without flush (else: test timeout)
  expect(writes).toEqual([50, BATCH]);
  await ix.store.close();
});
