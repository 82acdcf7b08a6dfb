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
