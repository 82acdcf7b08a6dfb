/**
 * The LimitStore contract suite: every adapter runs it with a manual clock.
 *
 * @example
 *   runLimitStoreContract("memory", (clock) => createMemoryLimitStore({ clock }));
 */
import { describe, expect, test } from "bun:test";
import { type Clock, manualClock } from "../clock.ts";
import type { LimitStore } from "./limit-store.ts";

/** Runs the contract; `factory(clock)` makes a fresh store reading time from `clock`. */
export function runLimitStoreContract(name: string, factory: (clock: Clock) => LimitStore | Promise<LimitStore>): void {
  describe(`LimitStore contract: ${name}`, () => {
    const rule = { capacity: 5, refillPerSec: 2 };

    test("token bucket: a burst of capacity passes, then denies with the wait until the next token", async () => {
      const clock = manualClock(1_000_000);
      const s = await factory(clock);
      for (let i = 0; i < 5; i++) expect((await s.take("k", rule)).allowed).toBe(true);
      const d = await s.take("k", rule);
      expect(d).toEqual({ allowed: false, remaining: 0, retryAfterMs: 500, delayMs: 0, resetMs: 2500 });
      await s.close();
    });

    test("token bucket: refills continuously and never above capacity", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      for (let i = 0; i < 5; i++) await s.take("k", rule);
      clock.advance(1000); // +2 tokens
      expect((await s.take("k", rule)).remaining).toBe(1);
      clock.advance(3_600_000);
      expect((await s.take("k", rule)).remaining).toBe(4);
      await s.close();
    });

    test("token bucket: a denied take removes nothing", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      await s.take("k", rule, 4);
      for (let i = 0; i < 10; i++) expect((await s.take("k", rule, 3)).allowed).toBe(false);
      expect((await s.take("k", rule, 1)).allowed).toBe(true);
      await s.close();
    });

    test("token bucket: a retry exactly at retryAfterMs passes, one millisecond earlier does not", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      const odd = { capacity: 3, refillPerSec: 3 };
      await s.take("k", odd, 3);
      clock.advance(100); // 0.3 tokens back
      const d = await s.take("k", odd, 2);
      expect(d.allowed).toBe(false);
      expect(d.retryAfterMs).toBe(567); // (2 - 0.3) / 3 s, rounded up
      clock.advance(d.retryAfterMs - 1);
      expect((await s.take("k", odd, 2)).allowed).toBe(false);
      clock.advance(1);
      expect((await s.take("k", odd, 2)).allowed).toBe(true);
      await s.close();
    });

    test("keys are independent", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      await s.take("a", rule, 5);
      expect((await s.take("a", rule)).allowed).toBe(false);
      expect((await s.take("b", rule)).allowed).toBe(true);
      await s.close();
    });

    test("a cost above capacity never passes: it is a RangeError, even on a full bucket", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      await expect(s.take("k", rule, 6)).rejects.toThrow(RangeError);
      clock.advance(3_600_000);
      await expect(s.take("k", rule, 6)).rejects.toThrow(RangeError);
      await expect(s.decide([{ key: "k", rule: { token: rule }, cost: 6 }])).rejects.toThrow(RangeError);
      await s.close();
    });

    const leaky = { ratePerSec: 10, maxQueue: 3 }; // one slot every 100 ms, at most 3 waiting

    test("leaky bucket: requests are spaced at the rate, each delayed until its slot", async () => {
      const clock = manualClock(5_000);
      const s = await factory(clock);
      const delays = [];
      for (let i = 0; i < 4; i++) delays.push((await s.leak("k", leaky)).delayMs);
      expect(delays).toEqual([0, 100, 200, 300]);
      clock.advance(1000); // drained
      expect(await s.leak("k", leaky)).toEqual({
        allowed: true,
        remaining: 3,
        retryAfterMs: 0,
        delayMs: 0,
        resetMs: 100,
      });
      await s.close();
    });

    test("leaky bucket: the queue is bounded; a denied request waits for nothing and consumes no slot", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      for (let i = 0; i < 4; i++) expect((await s.leak("k", leaky)).allowed).toBe(true);
      const d = await s.leak("k", leaky);
      expect(d).toEqual({ allowed: false, remaining: 0, retryAfterMs: 100, delayMs: 0, resetMs: 400 });
      for (let i = 0; i < 5; i++) expect((await s.leak("k", leaky)).allowed).toBe(false);
      clock.advance(d.retryAfterMs); // exactly at Retry-After: one slot left the queue
      const again = await s.leak("k", leaky);
      expect(again).toMatchObject({ allowed: true, delayMs: 300, remaining: 0 });
      await s.close();
    });

    test("leaky bucket: maxDelayMs bounds the wait below the queue bound; maxQueue 0 only spaces", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      const capped = { ratePerSec: 10, maxQueue: 100, maxDelayMs: 150 };
      const got = [];
      for (let i = 0; i < 4; i++) got.push((await s.leak("c", capped)).allowed);
      expect(got).toEqual([true, true, false, false]); // waits 0, 100; 200 > 150
      const spacing = { ratePerSec: 4, maxQueue: 0 };
      expect((await s.leak("z", spacing)).allowed).toBe(true);
      const d = await s.leak("z", spacing);
      expect(d).toMatchObject({ allowed: false, retryAfterMs: 250 });
      clock.advance(250);
      expect((await s.leak("z", spacing)).allowed).toBe(true);
      await s.close();
    });

    test("a rule with both algorithms passes only when both do; decide commits all checks or none", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      const both = { token: { capacity: 2, refillPerSec: 1 }, leaky: { ratePerSec: 100, maxQueue: 10 } };
      expect((await s.decide([{ key: "b", rule: both }])).results[0]).toMatchObject({ allowed: true, delayMs: 0 });
      expect((await s.decide([{ key: "b", rule: both }])).results[0]).toMatchObject({ allowed: true, delayMs: 10 });
      const third = await s.decide([{ key: "b", rule: both }]);
      expect(third).toMatchObject({ allowed: false, delayMs: 0, retryAfterMs: 1000 });

      // Two rules at once: the tight one denies, so the loose one keeps its token.
      const loose = { token: { capacity: 10, refillPerSec: 1 } };
      const tight = { token: { capacity: 1, refillPerSec: 1 } };
      await s.decide([{ key: "t", rule: tight }]);
      for (let i = 0; i < 5; i++) {
        const m = await s.decide([
          { key: "l", rule: loose },
          { key: "t", rule: tight },
        ]);
        expect(m.allowed).toBe(false);
        expect(m.results.map((r) => r.allowed)).toEqual([true, false]);
      }
      expect((await s.take("l", loose.token)).remaining).toBe(9);
      await s.close();
    });
  });
}
