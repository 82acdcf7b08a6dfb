import { describe, expect, test } from "bun:test";
import { LlmError } from "../types.ts";
import { answer, ask, drain, e400, e429, e503, eReset, harness, mockTargets, testConfig } from "./test-utils.ts";

const signal = () => new AbortController().signal;

describe("router: meta", () => {
  test("`first` resolves with the target before any chunk is pulled; chunks include the first one", async () => {
    const h = harness(testConfig(), {
      a: [{ wait: 120 }, { usage: [12, 3] }, "您好", "，", "请讲", { finish: "stop" }],
    });
    const s = h.router.stream(ask(), { signal: signal() });
    expect(s.meta.target).toBe("");
    await h.timers.advance(120);
    const m = await s.first;
    expect(m).toBe(s.meta);
    expect(m).toMatchObject({
      target: "a",
      route: "main",
      attempts: 1,
      profile: "default",
      strategy: "fallback",
      reason: "primary",
      ttftMs: 120,
      outcome: "streaming",
    });
    expect(m.pathText).toBe("profile:default > route:main > fallback > a");
    const out = await drain(s.chunks);
    expect(out.chunks).toEqual([
      { type: "usage", promptTokens: 12, completionTokens: 3 },
      { type: "delta", text: "您好" },
      { type: "delta", text: "，" },
      { type: "delta", text: "请讲" },
      { type: "finish", reason: "stop" },
    ]);
    const done = await s.done;
    expect(done.outcome).toBe("ok");
    await Promise.resolve();
    expect(h.events).toContain("attempt a primary ok");
  });

  test("metrics get tokens, ttft and total time per attempt", async () => {
    const reports: unknown[] = [];
    const h = harness(
      testConfig(),
      { a: [{ wait: 50 }, "x", { wait: 30 }, { usage: [7, 1] }, { finish: "stop" }] },
      {
        metrics: { onAttempt: (r) => reports.push(r) },
      },
    );
    const s = h.router.stream(ask(), { signal: signal() });
    const out = drain(s.chunks);
    await h.timers.advance(100);
    await out;
    await s.done;
    await Promise.resolve();
    expect(reports).toEqual([
      {
        target: "a",
        provider: "mock",
        model: "(request)",
        route: "main",
        reason: "primary",
        outcome: "ok",
        ttftMs: 50,
        totalMs: 80,
        tokensIn: 7,
        tokensOut: 1,
      },
    ]);
  });

  test("the target's model goes upstream, else the request's", async () => {
    const config = testConfig({
      targets: mockTargets({ a: { provider: "mock", model: "gpt-4o-mini" } }),
    });
    const h = harness(config, { a: [{ fail: e503() }], b: answer("B") });
    await h.router.stream(ask("x", { model: "support-bot" }), { signal: signal() }).first;
    expect(h.providers.a?.calls[0]?.ctx.model).toBe("gpt-4o-mini");
    expect(h.providers.b?.calls[0]?.ctx.model).toBe("support-bot");
  });

  test("a logical model picks its route from the profile; unknown models use default", async () => {
    const config = testConfig({
      routes: { main: { strategy: "fallback", targets: ["a"] }, premium: { strategy: "fallback", targets: ["b"] } },
      profiles: { default: { default: "main", "gpt-4o": "premium" } },
    });
    const h = harness(config, { a: answer("A"), b: answer("B") });
    expect((await h.router.stream(ask("x", { model: "gpt-4o" }), { signal: signal() }).first).route).toBe("premium");
    expect((await h.router.stream(ask("x", { model: "other" }), { signal: signal() }).first).route).toBe("main");
    expect((await h.router.stream(ask("x", { model: "constructor" }), { signal: signal() }).first).route).toBe("main");
    const noDefault = testConfig({ profiles: { default: { "gpt-4o": "main" } } });
    const h2 = harness(noDefault, { a: answer("A") });
    const err = await h2.router.stream(ask("x", { model: "o1" }), { signal: signal() }).first.catch((e) => e);
    expect([err.code, err.status]).toEqual(["no_target", 404]);
  });
});

describe("router: stream safety after the first token", () => {
  test("a failure mid-stream ends with stream_interrupted, never a normal end; no failover", async () => {
    const h = harness(testConfig(), { a: ["Hello", ", wor", { fail: eReset() }], b: answer("B") });
    const s = h.router.stream(ask(), { signal: signal() });
    const out = await drain(s.chunks);
    expect(out.text).toBe("Hello, wor");
    expect(out.error).toBeInstanceOf(LlmError);
    expect((out.error as LlmError).code).toBe("stream_interrupted");
    expect((out.error as LlmError).message).toBe("a failed after the first token (upstream_reset): ECONNRESET");
    expect(out.chunks.some((c) => c.type === "finish")).toBe(false);
    expect(h.providers.b?.calls.length).toBe(0);
    expect((await s.done).outcome).toBe("failed");
  });

  test("a stream that ends without finish is an error too", async () => {
    const h = harness(testConfig(), { a: ["partial", { end: true }] });
    const out = await drain(h.router.stream(ask(), { signal: signal() }).chunks);
    expect([out.text, (out.error as LlmError).code]).toEqual(["partial", "stream_interrupted"]);
  });

  test("a stall longer than idleMs fails the stream at exactly idleMs", async () => {
    const config = testConfig({ targets: mockTargets({ a: { provider: "mock", timeouts: { idleMs: 2_000 } } }) });
    const h = harness(config, { a: ["one", { wait: 1_500 }, "two", { hang: true }] });
    const s = h.router.stream(ask(), { signal: signal() });
    const out = drain(s.chunks);
    let settled = false;
    void out.then(() => (settled = true));
    await h.timers.advance(1_500 + 1_999); // "two" came at 1500: the stall counts from there
    expect(settled).toBe(false);
    await h.timers.advance(1);
    const r = await out;
    expect(r.text).toBe("onetwo");
    expect(((r.error as LlmError).cause as LlmError).code).toBe("upstream_timeout");
    expect(h.providers.a?.aborted()).toBe(1);
  });

  test("a slow consumer (backpressure) is not an upstream stall", async () => {
    const config = testConfig({ targets: mockTargets({ a: { provider: "mock", timeouts: { idleMs: 1_000 } } }) });
    const h = harness(config, { a: answer("one", "two", "three") });
    const s = h.router.stream(ask(), { signal: signal() });
    const it = s.chunks[Symbol.asyncIterator]();
    const got: string[] = [];
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      if (r.value.type === "delta") got.push(r.value.text);
      await h.timers.advance(5_000); // the client reads slowly
    }
    expect(got).toEqual(["one", "two", "three"]);
    expect((await s.done).outcome).toBe("ok");
  });

  test("continueAfterFirstToken + onRestart: the answer restarts on the next target after a marker", async () => {
    const config = testConfig({
      routes: { main: { strategy: "fallback", targets: ["a", "b", "c"], continueAfterFirstToken: true } },
    });
    const h = harness(config, { a: ["Hel", { fail: e503() }], b: answer("Hello", "!") });
    const log: string[] = [];
    const s = h.router.stream(ask(), {
      signal: signal(),
      onRestart: (r) => log.push(`restart ${r.from}->${r.to} ${r.reason}`),
    });
    const chunks: string[] = [];
    for await (const c of s.chunks) {
      if (c.type === "delta") chunks.push(c.text);
      if (c.type === "delta") log.push(`delta ${c.text}`);
    }
    expect(log).toEqual(["delta Hel", "restart a->b upstream_unavailable", "delta Hello", "delta !"]);
    const m = await s.done;
    expect([m.target, m.reason, m.restarts, m.outcome]).toEqual(["b", "restart", 1, "ok"]);
    expect(m.pathText).toBe("profile:default > route:main > fallback > b (restart 1)");
    expect(h.events).toContain("restart main a->b");
  });

  test("continueAfterFirstToken without onRestart, or with nothing left to restart on: stream_interrupted", async () => {
    const config = testConfig({
      routes: { main: { strategy: "fallback", targets: ["a", "b"], continueAfterFirstToken: true } },
    });
    const h = harness(config, { a: ["Hel", { fail: e503() }], b: ["Hi", { fail: e503() }] });
    const out1 = await drain(h.router.stream(ask(), { signal: signal() }).chunks);
    expect((out1.error as LlmError).code).toBe("stream_interrupted");
    expect(h.providers.b?.calls.length).toBe(0);
    const restarts: string[] = [];
    const out2 = await drain(
      h.router.stream(ask(), { signal: signal(), onRestart: (r) => restarts.push(r.to) }).chunks,
    );
    expect(restarts).toEqual(["b"]);
    expect(out2.text).toBe("HelHi"); // the caller discards "Hel" at the restart marker
    expect((out2.error as LlmError).code).toBe("stream_interrupted");
  });

  test("the caller aborting mid-stream aborts the provider; breaking out early does too", async () => {
    const h = harness(testConfig(), { a: ["x", { hang: true }] });
    const ac = new AbortController();
    const s = h.router.stream(ask(), { signal: ac.signal });
    await s.first;
    const out = drain(s.chunks);
    await h.timers.advance(10);
    ac.abort(new Error("bye"));
    expect(((await out).error as Error).message).toBe("bye");
    expect(h.providers.a?.aborted()).toBe(1);
    expect((await s.done).outcome).toBe("cancelled");

    const s2 = h.router.stream(ask(), { signal: signal() });
    for await (const _ of s2.chunks) break;
    expect(h.providers.a?.aborted()).toBe(2);
    expect((await s2.done).outcome).toBe("cancelled");
    await Promise.resolve();
    expect(h.router.breaker("a").state()).toBe("closed");
  });
});

describe("router: retry budget", () => {
  test("caps provider calls in a 5xx storm, then fails with the last error", async () => {
    const storm = (budgetRatio: number) => {
      const config = testConfig({ retry: { budgetRatio, minRetriesPerSec: 0 }, breaker: { minRequests: 1_000_000 } });
      return harness(config, { a: [{ fail: e503() }], b: [{ fail: e503() }], c: [{ fail: e503() }] });
    };
    const calls = (h: ReturnType<typeof storm>) =>
      ["a", "b", "c"].reduce((n, id) => n + (h.providers[id]?.calls.length ?? 0), 0);
    const capped = storm(0.2);
    const errors = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const e = await capped.router.stream(ask(), { signal: signal() }).first.catch((x) => x);
      errors.set(e.code, (errors.get(e.code) ?? 0) + 1);
    }
    expect(calls(capped)).toBe(120); // 100 first attempts + 0.2 × 100 extra
    expect(errors.get("upstream_unavailable")).toBeGreaterThan(80); // budget spent: the last error itself

    const unbounded = storm(10);
    for (let i = 0; i < 100; i++) await unbounded.router.stream(ask(), { signal: signal() }).first.catch(() => {});
    expect(calls(unbounded)).toBe(300);
  });
});

describe("router: breakers", () => {
  test("errors trip the breaker; the target is skipped; the gauge goes half-open by itself; a probe closes it", async () => {
    const config = testConfig({ breaker: { minRequests: 3, errorRate: 0.5, baseEjectMs: 5_000, halfOpenProbes: 1 } });
    let aOk = false;
    const h = harness(config, { a: () => (aOk ? answer("A") : [{ fail: e503() }]), b: answer("B") });
    for (let i = 0; i < 3; i++) await h.router.stream(ask(), { signal: signal() }).first;
    await Promise.resolve();
    expect(h.events).toContain("breaker a open");
    expect(h.router.breakerGauges()).toMatchObject({ a: 2, b: 0 });
    await h.router.stream(ask(), { signal: signal() }).first;
    expect(h.providers.a?.calls.length).toBe(3); // skipped
    await h.timers.advance(5_000);
    expect(h.events).toContain("breaker a half_open"); // from the timer, no traffic needed
    aOk = true;
    const probe = h.router.stream(ask(), { signal: signal() });
    expect((await probe.first).target).toBe("a");
    // While the one probe is in flight, other requests do not pile onto a.
    expect((await h.router.stream(ask(), { signal: signal() }).first).target).toBe("b");
    await drain(probe.chunks);
    await Promise.resolve();
    expect(h.router.breaker("a").state()).toBe("closed");
    expect(h.events.filter((e) => e.startsWith("breaker a"))).toEqual([
      "breaker a open",
      "breaker a half_open",
      "breaker a closed",
    ]);
  });

  test("slow first tokens trip it too (p95 over ttftP95Ms)", async () => {
    const config = testConfig({ breaker: { minRequests: 5, ttftP95Ms: 2_000 } });
    const h = harness(config, { a: [{ wait: 3_000 }, ...answer("slow")] });
    for (let i = 0; i < 5; i++) {
      const s = h.router.stream(ask(), { signal: signal() });
      const out = drain(s.chunks);
      await h.timers.advance(3_000);
      await out;
    }
    await Promise.resolve();
    expect(h.router.breaker("a").snapshot().lastTrip).toBe("ttft p95 3000 ms > 2000 ms");
  });

  test("400s and 429s never trip it", async () => {
    const config = testConfig({
      breaker: { minRequests: 2 },
      routes: { main: { strategy: "fallback", targets: ["a"] } },
    });
    const h = harness(config, { a: (n) => [{ fail: n % 2 ? e400() : e429(1) }] });
    for (let i = 0; i < 10; i++) {
      await h.router.stream(ask(), { signal: signal() }).first.catch(() => {});
      await h.timers.advance(1);
    }
    expect(h.router.breaker("a").state()).toBe("closed");
  });
});

describe("router: reload", () => {
  test("requests in flight keep their config; new ones use the new one; surviving breakers are kept", async () => {
    const old = testConfig({
      routes: { main: { strategy: "fallback", targets: ["a", "b"] } },
      breaker: { minRequests: 1, baseEjectMs: 60_000 },
    });
    const h = harness(old, { a: [{ wait: 1_000 }, { fail: e503() }], b: answer("B"), c: answer("C") });
    const inFlight = h.router.stream(ask(), { signal: signal() });
    await h.timers.advance(10);
    const bb = h.router.breaker("b");
    const kept = bb;
    h.router.reload(
      testConfig({
        targets: { b: { provider: "mock" }, c: { provider: "mock" } },
        routes: { main: { strategy: "fallback", targets: ["c"] } },
        breaker: { minRequests: 1, baseEjectMs: 60_000 },
      }),
    );
    expect(h.router.breaker("b")).toBe(kept);
    const fresh = await h.router.stream(ask(), { signal: signal() }).first;
    expect([fresh.target, fresh.configVersion]).toEqual(["c", 2]);
    await h.timers.advance(990);
    const m = await inFlight.first;
    expect([m.target, m.configVersion, m.reason]).toEqual(["b", 1, "failover"]); // old route: a then b
    expect(h.router.config().routes.main?.targets).toEqual(["c"]);
  });

  test("new providers on reload; old ones serve the requests that started on them", async () => {
    const h = harness(testConfig(), { a: [{ wait: 100 }, ...answer("old")] });
    const s = h.router.stream(ask(), { signal: signal() });
    const replacement = {
      id: "a",
      kind: "mock",
      stream: async function* () {
        yield { type: "delta" as const, text: "new" };
        yield { type: "finish" as const, reason: "stop" as const };
      },
    };
    h.router.reload(testConfig(), () => replacement);
    const out = drain(s.chunks);
    await h.timers.advance(100);
    expect((await out).text).toBe("old");
    expect((await drain(h.router.stream(ask(), { signal: signal() }).chunks)).text).toBe("new");
  });
});
