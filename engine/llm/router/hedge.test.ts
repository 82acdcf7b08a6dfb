import { describe, expect, test } from "bun:test";
import { answer, ask, drain, e503, harness, testConfig } from "./test-utils.ts";

const signal = () => new AbortController().signal;
const hedged = (afterMs: number, maxParallel = 2, patch: Record<string, unknown> = {}) =>
  testConfig({
    routes: { main: { strategy: "fallback", targets: ["a", "b", "c"], hedge: { afterMs, maxParallel } } },
    ...patch,
  });

describe("hedging", () => {
  test("fires at exactly afterMs; the first token wins and the loser is aborted", async () => {
    const h = harness(hedged(500), { a: [{ wait: 2_000 }, ...answer("slow")], b: [{ wait: 100 }, ...answer("fast")] });
    const t0 = h.clock.now();
    const s = h.router.stream(ask(), { signal: signal() });
    await h.timers.advance(499);
    expect(h.providers.b?.calls.length).toBe(0);
    await h.timers.advance(1);
    expect(h.providers.b?.calls.map((c) => c.at - t0)).toEqual([500]);
    expect(h.events).toContain("hedge main a->b");
    await h.timers.advance(100);
    const m = await s.first;
    expect([m.target, m.reason, m.hedged, m.ttftMs, m.attempts]).toEqual(["b", "hedge", true, 600, 2]);
    expect(m.pathText).toBe("profile:default > route:main > fallback > b (hedged after 500ms)");
    expect(h.providers.a?.aborted()).toBe(1);
    expect(h.providers.b?.aborted()).toBe(0);
    expect((await drain(s.chunks)).text).toBe("fast");
    expect(h.events).toContain("attempt a primary lost_hedge");
    expect(h.events).toContain("attempt b hedge ok");
    expect(h.providers.c?.calls.length ?? 0).toBe(0);
  });

  test("no hedge when the primary answers in time", async () => {
    const h = harness(hedged(500), { a: [{ wait: 499 }, ...answer("A")], b: answer("B") });
    const s = h.router.stream(ask(), { signal: signal() });
    await h.timers.advance(499);
    const m = await s.first;
    expect([m.target, m.hedged]).toEqual(["a", false]);
    await h.timers.advance(1_000);
    expect(h.providers.b?.calls.length).toBe(0);
    expect(h.timers.pending()).toBe(1); // only a's idle timer, no hedge timer left behind
  });

  test("the primary can still win after the hedge started; the hedge is then aborted", async () => {
    const h = harness(hedged(500), { a: [{ wait: 550 }, ...answer("A")], b: [{ wait: 500 }, ...answer("B")] });
    const s = h.router.stream(ask(), { signal: signal() });
    await h.timers.advance(550);
    const m = await s.first;
    expect([m.target, m.reason, m.hedged]).toEqual(["a", "primary", true]);
    expect(m.pathText).toBe("profile:default > route:main > fallback > a (hedge lost)");
    expect(h.providers.b?.aborted()).toBe(1);
  });

  test("maxParallel bounds the attempts in flight; more hedges follow afterMs after each start", async () => {
    const slow = [{ wait: 10_000 }, ...answer("x")];
    const h3 = harness(hedged(500, 3), { a: slow, b: slow, c: [{ wait: 10 }, ...answer("C")] });
    const t0 = h3.clock.now();
    const s3 = h3.router.stream(ask(), { signal: signal() });
    await h3.timers.advance(1_010);
    expect(h3.providers.c?.calls.map((c) => c.at - t0)).toEqual([1_000]);
    expect((await s3.first).target).toBe("c");
    expect([h3.providers.a?.aborted(), h3.providers.b?.aborted()]).toEqual([1, 1]);

    const h2 = harness(hedged(500, 2), {
      a: slow,
      b: [{ wait: 700 }, { fail: e503() }],
      c: [{ wait: 10 }, ...answer("C")],
    });
    const t2 = h2.clock.now();
    const s2 = h2.router.stream(ask(), { signal: signal() });
    await h2.timers.advance(1_100);
    expect(h2.providers.c?.calls.length).toBe(0); // a and b in flight: no room
    await h2.timers.advance(100); // b fails at 1200: room again, the hedge timer restarts
    await h2.timers.advance(499);
    expect(h2.providers.c?.calls.length).toBe(0);
    await h2.timers.advance(1);
    expect(h2.providers.c?.calls.map((c) => c.at - t2)).toEqual([1_700]);
    await h2.timers.advance(10);
    expect((await s2.first).target).toBe("c");
  });

  test("a hedge needs the retry budget: with none left, no hedge is started", async () => {
    const config = hedged(500, 2, { retry: { budgetRatio: 0, minRetriesPerSec: 0 } });
    const h = harness(config, { a: [{ wait: 2_000 }, ...answer("A")], b: answer("B") });
    const s = h.router.stream(ask(), { signal: signal() });
    await h.timers.advance(2_000);
    expect((await s.first).target).toBe("a");
    expect(h.providers.b?.calls.length).toBe(0);
  });

  test("the caller aborting during the race aborts every attempt", async () => {
    const h = harness(hedged(500), { a: [{ hang: true }], b: [{ hang: true }] });
    const ac = new AbortController();
    const s = h.router.stream(ask(), { signal: ac.signal });
    await h.timers.advance(600);
    ac.abort(new Error("client went away"));
    const err = await s.first.catch((e) => e);
    expect(err.message).toBe("client went away");
    expect([h.providers.a?.aborted(), h.providers.b?.aborted()]).toEqual([1, 1]);
    expect((await s.done).outcome).toBe("cancelled");
    expect(h.events.filter((e) => e.startsWith("attempt"))).toEqual([
      "attempt a primary cancelled",
      "attempt b hedge cancelled",
    ]);
  });
});
