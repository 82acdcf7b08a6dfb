/**
 * The HotHistory contract suite: every adapter runs it.
 *
 * @example
 *   runHotHistoryContract("memory", (perSession) => createMemoryHotHistory({ perSession }));
 */
import { afterEach, describe, expect, test } from "bun:test";
import type { SessionEvent } from "../events.ts";
import type { HotHistory } from "./hot-history.ts";

/** A stored message event with the given seq. */
export function ev(sessionId: string, seq: number): SessionEvent {
  return {
    tenantId: "t1",
    sessionId,
    seq,
    atUnixMs: 1_700_000_000_000 + seq,
    actor: { kind: "visitor", id: "v1" },
    body: { type: "message", clientMsgId: `c${seq}`, text: `m${seq}` },
  };
}

/** Runs the contract; `factory(perSession)` makes a fresh, empty HotHistory. */
export function runHotHistoryContract(
  name: string,
  factory: (perSession: number) => HotHistory | Promise<HotHistory>,
): void {
  describe(`HotHistory contract: ${name}`, () => {
    let hot: HotHistory | undefined;
    const make = async (perSession: number) => {
      hot = await factory(perSession);
      return hot;
    };
    afterEach(async () => {
      await hot?.close();
    });

    test("returns exactly the gap, in order, and says it is complete", async () => {
      const h = await make(100);
      for (let s = 1; s <= 10; s++) await h.push(ev("a", s));
      const r = await h.after("a", 6);
      expect(r.events.map((e) => e.seq)).toEqual([7, 8, 9, 10]);
      expect(r.complete).toBe(true);
      expect(r.events[0]).toEqual(ev("a", 7));
    });

    test("an up-to-date client gets nothing, complete", async () => {
      const h = await make(100);
      for (let s = 1; s <= 3; s++) await h.push(ev("a", s));
      expect(await h.after("a", 3)).toEqual({ events: [], complete: true });
    });

    test("a gap older than what is held is reported incomplete", async () => {
      const h = await make(5);
      for (let s = 1; s <= 20; s++) await h.push(ev("a", s));
      const r = await h.after("a", 2);
      expect(r.complete).toBe(false);
      expect(r.events.map((e) => e.seq)).toEqual([16, 17, 18, 19, 20]);
      expect((await h.after("a", 15)).complete).toBe(true);
    });

    test("an unknown session is incomplete, so the caller asks the EventStore", async () => {
      const h = await make(5);
      expect(await h.after("nobody", 0)).toEqual({ events: [], complete: false });
    });

    test("replayed or duplicate pushes are ignored", async () => {
      const h = await make(10);
      await h.push(ev("a", 1));
      await h.push(ev("a", 2));
      await h.push(ev("a", 2));
      await h.push(ev("a", 1));
      expect((await h.after("a", 0)).events.map((e) => e.seq)).toEqual([1, 2]);
    });

    test("a hole in what was pushed makes a range incomplete", async () => {
      const h = await make(10);
      await h.push(ev("a", 1));
      await h.push(ev("a", 3));
      expect((await h.after("a", 0)).complete).toBe(false);
    });

    test("drop forgets a session; sessions are independent", async () => {
      const h = await make(10);
      await h.push(ev("a", 1));
      await h.push(ev("b", 1));
      await h.drop("a");
      expect((await h.after("a", 0)).events).toEqual([]);
      expect((await h.after("b", 0)).events.map((e) => e.seq)).toEqual([1]);
    });
  });
}
