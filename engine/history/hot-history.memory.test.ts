import { describe, expect, test } from "bun:test";
import { ev, runHotHistoryContract } from "./hot-history.contract.ts";
import { createMemoryHotHistory } from "./hot-history.memory.ts";

runHotHistoryContract("memory", (perSession) => createMemoryHotHistory({ perSession }));

describe("memory hot history bounds", () => {
  test("holds at most maxSessions sessions, forgetting the least recently written", async () => {
    const h = createMemoryHotHistory({ perSession: 4, maxSessions: 2 });
    await h.push(ev("a", 1));
    await h.push(ev("b", 1));
    await h.push(ev("a", 2)); // a is now the most recent
    await h.push(ev("c", 1)); // evicts b
    expect((await h.after("b", 0)).events).toEqual([]);
    expect((await h.after("a", 0)).events.map((e) => e.seq)).toEqual([1, 2]);
    expect((await h.after("c", 0)).events.map((e) => e.seq)).toEqual([1]);
  });

  test("rejects a non-positive capacity", () => {
    expect(() => createMemoryHotHistory({ perSession: 0 })).toThrow(RangeError);
  });
});
