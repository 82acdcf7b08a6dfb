import { expect, test } from "bun:test";
import { manualClock } from "../clock.ts";
import { runLimitStoreContract } from "./limit-store.contract.ts";
import { createMemoryLimitStore } from "./limit-store.memory.ts";

runLimitStoreContract("memory", (clock) => createMemoryLimitStore({ clock }));

test("holds at most maxKeys buckets; a forgotten bucket starts full again", async () => {
  const clock = manualClock(0);
  const s = createMemoryLimitStore({ clock, maxKeys: 2 });
  const rule = { capacity: 1, refillPerSec: 0.001 };
  await s.take("a", rule);
  await s.take("b", rule);
  expect((await s.take("a", rule)).allowed).toBe(false); // a is still held, and empty
  await s.take("c", rule); // evicts b, the least recently used
  expect((await s.take("b", rule)).allowed).toBe(true);
});

test("the synchronous decisions are the Promise API's, call for call", async () => {
  const c1 = manualClock(0);
  const c2 = manualClock(0);
  const a = createMemoryLimitStore({ clock: c1 });
  const b = createMemoryLimitStore({ clock: c2 });
  const sync = b.sync;
  if (!sync) throw new Error("no sync path");
  const token = { capacity: 3, refillPerSec: 2 };
  const both = { token, leaky: { ratePerSec: 5, maxQueue: 2 } };
  for (let i = 0; i < 12; i++) {
    expect(sync.take("t", token)).toEqual(await a.take("t", token));
    expect(sync.check("b", both)).toEqual((await a.decide([{ key: "b", rule: both }])).results[0] as never);
    expect(
      sync.decide([
        { key: "x", rule: both },
        { key: "y", rule: { token } },
      ]),
    ).toEqual(
      await a.decide([
        { key: "x", rule: both },
        { key: "y", rule: { token } },
      ]),
    );
    c1.advance(70);
    c2.advance(70);
  }
});

test("eviction gives used buckets a second chance: an idle bucket goes first", async () => {
  const s = createMemoryLimitStore({ clock: manualClock(0), maxKeys: 3 });
  const rule = { capacity: 1, refillPerSec: 0.001 };
  for (const k of ["a", "b", "c"]) await s.take(k, rule);
  await s.take("a", rule); // a used again (denied, still a use)
  await s.take("d", rule); // evicts b: the oldest without a second chance
  expect((await s.take("a", rule)).allowed).toBe(false);
  expect((await s.take("c", rule)).allowed).toBe(false);
  expect((await s.take("b", rule)).allowed).toBe(true); // forgotten: full again
});
