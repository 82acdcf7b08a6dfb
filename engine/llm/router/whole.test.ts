// Whole-answer calls: a caller that only uses the complete answer (OpenAI stream:false) gets it
// from one non-streamed provider call, with failover, deadlines, breakers and metrics intact.
import { describe, expect, test } from "bun:test";
import type { SignalLike } from "../cancel.ts";
import type { CallContext, LlmError, LlmProvider } from "../types.ts";
import type { AttemptReport } from "./router.ts";
import {
  answer,
  ask,
  drain,
  e400,
  e503,
  type Harness,
  harness,
  testConfig,
  type WholeFakeProvider,
  withComplete,
} from "./test-utils.ts";

const whole = (h: Harness, id: string) => h.providers[id] as WholeFakeProvider;
const scripts = {
  a: [{ wait: 300 }, "Hello", " there", { usage: [5, 2] as [number, number] }, { finish: "stop" as const }],
  b: answer("from b"),
  c: answer("from c"),
};

function setup(patch: Record<string, unknown> = {}, s: Parameters<typeof harness>[1] = scripts) {
  const reports: AttemptReport[] = [];
  const h = harness(testConfig(patch), s, { metrics: { onAttempt: (r) => reports.push(r) } });
  for (const id of Object.keys(h.providers)) withComplete(h.providers[id] as never);
  return { h, reports };
}

async function run(h: Harness, opts: { whole?: boolean } = { whole: true }) {
  const ac = new AbortController();
  const s = h.router.stream(ask(), { signal: ac.signal, ...opts });
  const first = s.first.then(
    (m) => m,
    (e: unknown) => e,
  );
  await h.timers.advance(10_000);
  return { meta: await first, out: await drain(s.chunks), s };
}

describe("whole-answer calls", () => {
  test("a caller asking for the whole answer gets one complete() call; the first token is the whole answer", async () => {
    const { h, reports } = setup();
    const { meta, out } = await run(h);
    expect(whole(h, "a").wholeCalls).toBe(1);
    expect(out.error).toBeUndefined();
    expect(out.chunks).toEqual([
      { type: "delta", text: "Hello" },
      { type: "delta", text: " there" },
      { type: "usage", promptTokens: 5, completionTokens: 2 },
      { type: "finish", reason: "stop" },
    ]);
    expect(meta).toMatchObject({ target: "a", route: "main", attempts: 1, ttftMs: 300 });
    // Tokens and duration are reported; a whole call has no time to first token.
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ target: "a", outcome: "ok", whole: true, tokensIn: 5, tokensOut: 2 });
    expect(reports[0]?.ttftMs).toBeUndefined();
  });

  test("without `whole`, or on a provider without complete(), the answer streams", async () => {
    const { h } = setup();
    const { out } = await run(h, {});
    expect(out.chunks.map((c) => c.type)).toEqual(["delta", "delta", "usage", "finish"]);
    expect(whole(h, "a").wholeCalls).toBe(0);
    expect(h.providers.a?.calls).toHaveLength(1);

    const h2 = harness(testConfig(), scripts); // plain fake providers: stream only
    const r2 = await run(h2);
    expect(r2.out.error).toBeUndefined();
    expect(r2.meta).toMatchObject({ target: "a" });
  });

  test("hedged routes stream unless they set wholeAnswers: true", async () => {
    const hedged = { routes: { main: { strategy: "fallback", targets: ["a", "b"], hedge: { afterMs: 1000 } } } };
    const { h } = setup(hedged);
    await run(h);
    expect(whole(h, "a").wholeCalls).toBe(0);

    const { h: h2 } = setup({
      routes: { main: { strategy: "fallback", targets: ["a", "b"], hedge: { afterMs: 1000 }, wholeAnswers: true } },
    });
    await run(h2);
    expect(whole(h2, "a").wholeCalls).toBe(1);

    const { h: h3 } = setup({ routes: { main: { strategy: "fallback", targets: ["a", "b"], wholeAnswers: false } } });
    await run(h3);
    expect(whole(h3, "a").wholeCalls).toBe(0);
  });

  test("an error before the answer fails over transparently, and the failover is reported", async () => {
    const { h, reports } = setup({}, { ...scripts, a: [{ wait: 50 }, { fail: e503() }] });
    const { meta, out } = await run(h);
    expect(out.error).toBeUndefined();
    expect(meta).toMatchObject({ target: "b", attempts: 2, reason: "failover" });
    expect(reports.map((r) => `${r.target} ${r.outcome}`)).toEqual(["a upstream_unavailable", "b ok"]);
    expect(whole(h, "b").wholeCalls).toBe(1);
  });

  test("timeouts.wholeMs, not firstByteMs, bounds a whole call; past it the next target answers", async () => {
    const targets = {
      a: { provider: "mock", timeouts: { firstByteMs: 100, wholeMs: 1000 } },
      b: { provider: "mock", timeouts: { firstByteMs: 100, wholeMs: 1000 } },
      c: { provider: "mock" },
    };
    // 300 ms is past firstByteMs but within wholeMs: fine.
    const { h } = setup({ targets });
    expect((await run(h)).meta).toMatchObject({ target: "a" });

    const { h: h2, reports } = setup({ targets }, { ...scripts, a: [{ wait: 5_000 }, ...answer("late")] });
    const { meta } = await run(h2);
    expect(meta).toMatchObject({ target: "b", reason: "failover" });
    expect(reports[0]).toMatchObject({ target: "a", outcome: "upstream_timeout", whole: true });
    expect(h2.providers.a?.aborted()).toBe(1);
  });

  test("slow whole answers do not trip the breaker's time-to-first-token p95", async () => {
    const { h } = setup({ breaker: { minRequests: 2, ttftP95Ms: 100 } });
    for (let i = 0; i < 4; i++) expect((await run(h)).meta).toMatchObject({ target: "a" });
    expect(h.router.breaker("a").state()).toBe("closed");
    // The same answers streamed (300 ms to the first token) do trip it.
    const { h: h2 } = setup({ breaker: { minRequests: 2, ttftP95Ms: 100 } });
    for (let i = 0; i < 2; i++) await run(h2, {});
    expect(h2.router.breaker("a").state()).toBe("open");
  });

  test("an answer without a finish is an error before the first token (failover)", async () => {
    const { h } = setup({}, { ...scripts, a: ["partial", { end: true }] });
    const { meta } = await run(h);
    expect(meta).toMatchObject({ target: "b", reason: "failover" });
  });

  test("the caller going away cancels the whole call", async () => {
    const { h, reports } = setup();
    const ac = new AbortController();
    const s = h.router.stream(ask(), { signal: ac.signal, whole: true });
    const first = s.first.catch((e: unknown) => e);
    await h.timers.advance(100);
    ac.abort(new Error("client left"));
    expect(((await first) as Error).message).toBe("client left");
    await h.timers.advance(1_000);
    expect(h.providers.a?.aborted()).toBe(1);
    expect(reports[0]).toMatchObject({ target: "a", outcome: "cancelled" });
    expect((await s.done).outcome).toBe("cancelled");
  });

  test("a provider that only reads ctx.cancel (as the shared upstream layers do) is cancelled through it", async () => {
    // Each call hangs until its cancel fires, then rejects with the reason, as fetchWhole does.
    const calls: CallContext[] = [];
    const hanging = (id: string): LlmProvider => ({
      id,
      kind: "mock",
      stream: () => {
        throw new Error("whole calls only");
      },
      complete: (_req, ctx) => {
        calls.push(ctx);
        const cancel = ctx.cancel as SignalLike;
        return new Promise((_resolve, reject) => cancel.addEventListener("abort", () => reject(cancel.reason)));
      },
    });
    const targets = {
      a: { provider: "mock", timeouts: { wholeMs: 1000 } },
      b: { provider: "mock", timeouts: { wholeMs: 1000 } },
      c: { provider: "mock" },
    };
    const h = harness(testConfig({ targets }), {}, { providers: (id) => hanging(id) });
    const ac = new AbortController();
    const s = h.router.stream(ask(), { signal: ac.signal, whole: true });
    const first = s.first.catch((e: unknown) => e);
    // a's deadline aborts a's call with the timeout; b is tried; the caller leaving aborts b's.
    await h.timers.advance(1_000);
    expect(calls).toHaveLength(2);
    const [a, b] = calls as [CallContext, CallContext];
    const [ca, cb] = [a.cancel as SignalLike, b.cancel as SignalLike];
    expect(ca.aborted).toBe(true);
    expect((ca.reason as LlmError).code).toBe("upstream_timeout");
    expect(cb.aborted).toBe(false);
    ac.abort(new Error("client left"));
    expect(((await first) as Error).message).toBe("client left");
    expect(cb.aborted).toBe(true);
    // ctx.signal, read late, is a real AbortSignal in the same state.
    expect(b.signal).toBeInstanceOf(AbortSignal);
    expect([a.signal.aborted, b.signal.aborted, a.signal.reason]).toEqual([true, true, ca.reason]);
  });
});

describe("answer(): the whole answer in one step", () => {
  const settle = async <T>(p: Promise<T>, h: Harness) => {
    const r = p.then(
      (v) => ({ v }),
      (e: unknown) => ({ e }),
    );
    await h.timers.advance(10_000);
    return r;
  };

  test("a whole-answer call resolves with meta and every chunk; the call is over (done: ok)", async () => {
    const { h, reports } = setup();
    const s = h.router.stream(ask(), { signal: new AbortController().signal, whole: true });
    const r = (await settle(s.answer(), h)) as { v: { meta: { target: string }; chunks: unknown[] } };
    expect(r.v.meta).toMatchObject({ target: "a", attempts: 1 });
    expect(r.v.chunks).toEqual([
      { type: "delta", text: "Hello" },
      { type: "delta", text: " there" },
      { type: "usage", promptTokens: 5, completionTokens: 2 },
      { type: "finish", reason: "stop" },
    ]);
    expect((await s.done).outcome).toBe("ok");
    expect(reports.map((x) => x.outcome)).toEqual(["ok"]);
  });

  test("a streamed answer is collected to its finish", async () => {
    const { h } = setup();
    const s = h.router.stream(ask(), { signal: new AbortController().signal }); // not whole: streams
    const r = (await settle(s.answer(), h)) as { v: { chunks: { type: string }[] } };
    expect(r.v.chunks.map((c) => c.type)).toEqual(["delta", "delta", "usage", "finish"]);
    expect(whole(h, "a").wholeCalls).toBe(0);
    expect((await s.done).outcome).toBe("ok");
  });

  test("a stream failing after its first token rejects with stream_interrupted, never a partial answer", async () => {
    const { h } = setup({}, { ...scripts, a: ["Hel", { wait: 10 }, { fail: e503() }] });
    const s = h.router.stream(ask(), { signal: new AbortController().signal });
    const r = (await settle(s.answer(), h)) as { e?: { code?: string } };
    expect(r.e?.code).toBe("stream_interrupted");
    expect((await s.done).outcome).toBe("failed");
  });

  test("a caller going away mid-stream rejects with its reason and cancels the attempt", async () => {
    const { h, reports } = setup({}, { ...scripts, a: ["Hel", { wait: 500 }, "lo", { finish: "stop" }] });
    const ac = new AbortController();
    const s = h.router.stream(ask(), { signal: ac.signal });
    const pending = s.answer().catch((e: unknown) => e);
    await h.timers.advance(100);
    ac.abort(new Error("client left"));
    expect(((await pending) as Error).message).toBe("client left");
    await h.timers.advance(1_000);
    expect(h.providers.a?.aborted()).toBe(1);
    expect(reports[0]).toMatchObject({ target: "a", outcome: "cancelled" });
    expect((await s.done).outcome).toBe("cancelled");
  });

  test("with continueAfterFirstToken and onRestart, a mid-stream failure restarts the answer on the next target", async () => {
    const { h } = setup(
      { routes: { main: { strategy: "fallback", targets: ["a", "b"], continueAfterFirstToken: true } } },
      { ...scripts, a: ["Hel", { wait: 10 }, { fail: e503() }] },
    );
    const restarts: string[] = [];
    const s = h.router.stream(ask(), {
      signal: new AbortController().signal,
      onRestart: (i) => restarts.push(`${i.from}->${i.to}`),
    });
    const r = (await settle(s.answer(), h)) as { v: { meta: { target: string }; chunks: unknown[] } };
    expect(restarts).toEqual(["a->b"]);
    expect(r.v.meta).toMatchObject({ target: "b", restarts: 1 });
    // The answer is the restarted one, whole: the first target's partial text is not in it.
    expect(r.v.chunks).toEqual([
      { type: "delta", text: "from b" },
      { type: "finish", reason: "stop" },
    ]);
  });

  test("a routing failure rejects with its error; a caller going away rejects with its reason", async () => {
    const { h } = setup({}, { a: [{ fail: e400() }], b: answer("b"), c: answer("c") });
    const s = h.router.stream(ask(), { signal: new AbortController().signal, whole: true });
    const r = (await settle(s.answer(), h)) as { e?: { code?: string } };
    expect(r.e?.code).toBe("upstream_rejected");

    const { h: h2, reports } = setup();
    const ac = new AbortController();
    const s2 = h2.router.stream(ask(), { signal: ac.signal, whole: true });
    const pending = s2.answer().catch((e: unknown) => e);
    await h2.timers.advance(100);
    ac.abort(new Error("client left"));
    expect(((await pending) as Error).message).toBe("client left");
    await h2.timers.advance(1_000);
    expect(h2.providers.a?.aborted()).toBe(1);
    expect(reports[0]).toMatchObject({ target: "a", outcome: "cancelled" });
  });
});
