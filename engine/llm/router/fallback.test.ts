import { describe, expect, test } from "bun:test";
import { LlmError } from "../types.ts";
import { orderFallback } from "./fallback.ts";
import { answer, ask, drain, e400, e429, e503, eReset, harness, mockTargets, testConfig } from "./test-utils.ts";

const signal = () => new AbortController().signal;

describe("fallback strategy", () => {
  test("keeps the written order", () => {
    expect(orderFallback(["x", "y", "z"])).toEqual(["x", "y", "z"]);
  });

  test("failover before the first token is transparent", async () => {
    const h = harness(testConfig(), { a: [{ fail: e503() }], b: [{ fail: eReset() }], c: answer("你好", "!") });
    const s = h.router.stream(ask(), { signal: signal() });
    const m = await s.first;
    expect(m.target).toBe("c");
    expect(m.reason).toBe("failover");
    expect(m.attempts).toBe(3);
    expect(m.pathText).toBe(
      "profile:default > route:main > fallback > c (failover after a: upstream_unavailable, b: upstream_reset)",
    );
    const out = await drain(s.chunks);
    expect(out.text).toBe("你好!");
    expect(out.error).toBeUndefined();
    expect(h.events.filter((e) => e.startsWith("failover"))).toEqual([
      "failover main a->b upstream_unavailable",
      "failover main b->c upstream_reset",
    ]);
    expect((await s.done).outcome).toBe("ok");
  });

  test("a target with no first token within firstByteMs is abandoned for the next one", async () => {
    const config = testConfig({ targets: mockTargets({ a: { provider: "mock", timeouts: { firstByteMs: 1_000 } } }) });
    const h = harness(config, { a: [{ hang: true }], b: answer("B") });
    const s = h.router.stream(ask(), { signal: signal() });
    await h.timers.advance(999);
    expect(h.providers.b?.calls.length).toBe(0);
    await h.timers.advance(1);
    const m = await s.first;
    expect(m.target).toBe("b");
    expect(m.ttftMs).toBe(1_000);
    expect(h.providers.a?.aborted()).toBe(1); // the hung call was cancelled upstream
    expect(m.tried.map((t) => [t.target, t.outcome])).toEqual([
      ["a", "upstream_timeout"],
      ["b", undefined], // still streaming
    ]);
  });

  test("a non-retryable error fails at once with its status; later targets are not called", async () => {
    const h = harness(testConfig(), { a: [{ fail: e400("max_tokens too large") }], b: answer("B") });
    const s = h.router.stream(ask(), { signal: signal() });
    const err = await s.first.catch((e) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect([err.code, err.status]).toEqual(["upstream_rejected", 400]);
    expect(h.providers.b?.calls.length).toBe(0);
    const out = await drain(s.chunks);
    expect(out.error).toBe(err);
    expect((await s.done).outcome).toBe("failed");
  });

  test("every target failing: all_targets_failed with the last status, or the error itself for one target", async () => {
    const h = harness(testConfig(), { a: [{ fail: e503() }], b: [{ fail: e503() }], c: [{ fail: e429(3_000) }] });
    const err = await h.router.stream(ask(), { signal: signal() }).first.catch((e) => e);
    expect(err.code).toBe("all_targets_failed");
    expect(err.status).toBe(429);
    expect(err.retryAfterMs).toBe(3_000);
    expect(err.message).toBe(
      "every target failed: a: upstream_unavailable; b: upstream_unavailable; c: upstream_rate_limited",
    );

    const one = testConfig({ routes: { main: { strategy: "fallback", targets: ["a"] } } });
    const h1 = harness(one, { a: [{ fail: e503() }] });
    const e1 = await h1.router.stream(ask(), { signal: signal() }).first.catch((e) => e);
    expect([e1.code, e1.status]).toEqual(["upstream_unavailable", 503]);
  });

  test("open targets are skipped without a call", async () => {
    const config = testConfig({ breaker: { minRequests: 1, baseEjectMs: 60_000 } });
    const h = harness(config, { a: answer("A"), b: answer("B") });
    const a = h.router.breaker("a");
    a.record(a.acquire() as NonNullable<ReturnType<typeof a.acquire>>, { ok: false });
    const m = await h.router.stream(ask(), { signal: signal() }).first;
    expect(m.target).toBe("b");
    expect(m.reason).toBe("primary");
    expect(h.providers.a?.calls.length).toBe(0);
  });

  test("every target open: the one that recovers soonest is tried anyway (the route degrades, never refuses)", async () => {
    const config = testConfig({ breaker: { minRequests: 1, baseEjectMs: 60_000 } });
    const h = harness(config, { a: answer("A"), b: answer("B"), c: answer("C") });
    for (const id of ["a", "b", "c"]) {
      const b = h.router.breaker(id);
      b.record(b.acquire() as NonNullable<ReturnType<typeof b.acquire>>, { ok: false });
      h.clock.advance(10); // a opened first, recovers first
    }
    const m = await h.router.stream(ask(), { signal: signal() }).first;
    expect([m.target, m.reason, m.forced]).toEqual(["a", "forced", true]);
    expect(m.pathText).toBe("profile:default > route:main > fallback > a (all targets ejected, tried anyway)");
    await Promise.resolve();
    expect(h.providers.b?.calls.length).toBe(0);
  });

  test("429 fails over and cools the target until Retry-After has passed", async () => {
    const h = harness(testConfig(), { a: (n) => (n === 0 ? [{ fail: e429(2_000) }] : answer("A")), b: answer("B") });
    const first = await h.router.stream(ask(), { signal: signal() }).first;
    expect(first.target).toBe("b");
    await h.timers.advance(1_999);
    expect((await h.router.stream(ask(), { signal: signal() }).first).target).toBe("b");
    expect(h.providers.a?.calls.length).toBe(1);
    await h.timers.advance(1);
    expect((await h.router.stream(ask(), { signal: signal() }).first).target).toBe("a");
    expect(h.router.breaker("a").state()).toBe("closed"); // cooling never trips
  });
});
