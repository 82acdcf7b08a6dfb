/**
 * The IdempotencyStore contract suite: every adapter runs it with a manual clock.
 *
 * @example
 *   runIdempotencyContract("sqlite", (clock) => createSqliteIdempotencyStore({ path: ":memory:", clock, ttlMs: 1000, lockMs: 100 }));
 */
import { describe, expect, test } from "bun:test";
import { type Clock, manualClock } from "../clock.ts";
import type { IdempotencyStore } from "./idempotency-store.ts";

const response = { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' };

/** Runs the contract; the factory must use ttlMs 1000 and lockMs 100. */
export function runIdempotencyContract(
  name: string,
  factory: (clock: Clock) => IdempotencyStore | Promise<IdempotencyStore>,
): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    test("first claim is new; while running the key is in_progress; then done replays the response", async () => {
      const s = await factory(manualClock(0));
      expect(await s.begin("t1", "k", "f1")).toEqual({ state: "new" });
      expect(await s.begin("t1", "k", "f1")).toEqual({ state: "in_progress" });
      await s.complete("t1", "k", response);
      expect(await s.begin("t1", "k", "f1")).toEqual({ state: "done", response });
      await s.close();
    });

    test("the same key with another body is a mismatch, running or done", async () => {
      const s = await factory(manualClock(0));
      await s.begin("t1", "k", "f1");
      expect(await s.begin("t1", "k", "f2")).toEqual({ state: "mismatch" });
      await s.complete("t1", "k", response);
      expect(await s.begin("t1", "k", "f2")).toEqual({ state: "mismatch" });
      await s.close();
    });

    test("scopes are independent", async () => {
      const s = await factory(manualClock(0));
      await s.begin("t1", "k", "f1");
      expect(await s.begin("t2", "k", "f9")).toEqual({ state: "new" });
      await s.close();
    });

    test("abandon lets a retry run again", async () => {
      const s = await factory(manualClock(0));
      await s.begin("t1", "k", "f1");
      await s.abandon("t1", "k");
      expect(await s.begin("t1", "k", "f1")).toEqual({ state: "new" });
      await s.close();
    });

    test("done records expire after ttlMs; stuck claims after lockMs", async () => {
      const clock = manualClock(0);
      const s = await factory(clock);
      await s.begin("t1", "done", "f");
      await s.complete("t1", "done", response);
      await s.begin("t1", "stuck", "f");
      clock.advance(101);
      expect(await s.begin("t1", "stuck", "f")).toEqual({ state: "new" });
      expect((await s.begin("t1", "done", "f")).state).toBe("done");
      clock.advance(1000);
      expect(await s.begin("t1", "done", "f")).toEqual({ state: "new" });
      await s.close();
    });

    test("concurrent claims of one key: exactly one wins", async () => {
      const s = await factory(manualClock(0));
      const results = await Promise.all(Array.from({ length: 20 }, () => s.begin("t1", "race", "f")));
      expect(results.filter((r) => r.state === "new").length).toBe(1);
      expect(results.filter((r) => r.state === "in_progress").length).toBe(19);
      await s.close();
    });
  });
}
