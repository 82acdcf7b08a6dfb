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

    test("a new bucket is full, then denies with the wait until the next token", async () => {
      const clock = manualClock(1_000_000);
      const s = await factory(clock);
      for (let i = 0; i < 5; i++) expect((await s.take("k", rule)).allowed).toBe(true);
      const d = await s.take("k", rule);
      expect(d).toEqual({ allowed: false, remaining: 0, retryAfterMs: 500 });
      await s.close();
    });

    test("refills continuously and never above capacity", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      for (let i = 0; i < 5; i++) await s.take("k", rule);
      clock.advance(1000); // +2 tokens
      expect((await s.take("k", rule)).remaining).toBe(1);
      clock.advance(3_600_000);
      expect((await s.take("k", rule)).remaining).toBe(4);
      await s.close();
    });

    test("a denied take removes nothing", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      await s.take("k", rule, 4);
      expect((await s.take("k", rule, 3)).allowed).toBe(false);
      expect((await s.take("k", rule, 1)).allowed).toBe(true);
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

    test("a cost above capacity is a RangeError", async () => {
      const s = await factory(manualClock(0));
      await expect(s.take("k", rule, 6)).rejects.toThrow(RangeError);
      await s.close();
    });
  });
}
