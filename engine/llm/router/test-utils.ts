/**
 * Test helpers of the router: scripted fake providers on manual timers, canned
 * errors, a config builder. No network, no sleeping.
 *
 * @example
 *   const clock = manualClock(0); const timers = manualTimers(clock);
 *   const p = fakeProvider("a", timers, [{ wait: 100 }, "hel", "lo", { finish: "stop" }]);
 */
import type { ManualClock } from "../../clock.ts";
import { manualClock } from "../../clock.ts";
import {
  type CallContext,
  type ChatChunk,
  type ChatRequest,
  type FinishReason,
  LlmError,
  type LlmProvider,
} from "../types.ts";
import { type LlmConfig, parseLlmConfig } from "./config.ts";
import { createLlmRouter, type LlmRouter, type LlmRouterDeps, type RouterMetrics } from "./router.ts";
import { type ManualTimers, manualTimers } from "./timers.ts";

/** One step of a scripted stream. A bare string is a delta. */
export type Step =
  | string
  | { wait: number }
  | { fail: LlmError }
  | { finish: FinishReason }
  | { usage: [number, number] }
  | { hang: true }
  | { end: true };

/** A recorded call to a fake provider. */
export interface FakeCall {
  req: ChatRequest;
  ctx: CallContext;
  at: number;
}

/** A scripted provider that records its calls. */
export interface FakeProvider extends LlmProvider {
  calls: FakeCall[];
  /** Calls whose signal fired. */
  aborted(): number;
}

/** A full answer: deltas then finish. */
export const answer = (...parts: string[]): Step[] => [...parts, { finish: "stop" }];

/**
 * A provider whose every call plays `script` (or `script(callIndex)`), with waits on
 * the manual timers. Aborting the call's signal rejects a pending wait, as a real
 * HTTP client would.
 */
export function fakeProvider(
  id: string,
  timers: ManualTimers,
  script: Step[] | ((call: number, req: ChatRequest) => Step[]),
  clock?: ManualClock,
): FakeProvider {
  const calls: FakeCall[] = [];
  const provider: FakeProvider = {
    id,
    kind: "mock",
    calls,
    aborted: () => calls.filter((c) => c.ctx.signal.aborted).length,
    stream(req, ctx) {
      const n = calls.length;
      calls.push({ req, ctx, at: clock?.now() ?? 0 });
      const steps = typeof script === "function" ? script(n, req) : script;
      return play(steps, ctx.signal, timers);
    },
  };
  return provider;
}

/** A fake provider that can also answer whole (`complete`), counting those calls. */
export type WholeFakeProvider = FakeProvider & { wholeCalls: number };

/**
 * Gives `p` a `complete()` that plays the same script (waits included) and returns
 * every chunk at once, as an OpenAI-compatible provider's non-streamed call would.
 *
 * @example
 *   const a = withComplete(fakeProvider("a", timers, answer("hi")));
 */
export function withComplete(p: FakeProvider): WholeFakeProvider {
  const q = p as WholeFakeProvider;
  q.wholeCalls = 0;
  q.complete = async (req, ctx) => {
    q.wholeCalls++;
    const out: ChatChunk[] = [];
    for await (const c of p.stream(req, ctx)) out.push(c);
    return out;
  };
  return q;
}

function waitFor(ms: number | undefined, signal: AbortSignal, timers: ManualTimers): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const cancel =
      ms === undefined
        ? () => {}
        : timers.after(ms, () => {
            signal.removeEventListener("abort", onAbort);
            resolve();
          });
    const onAbort = () => {
      cancel();
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

async function* play(steps: Step[], signal: AbortSignal, timers: ManualTimers): AsyncGenerator<ChatChunk> {
  for (const s of steps) {
    if (typeof s === "string") yield { type: "delta", text: s };
    else if ("wait" in s) await waitFor(s.wait, signal, timers);
    else if ("hang" in s) await waitFor(undefined, signal, timers);
    else if ("fail" in s) throw s.fail;
    else if ("finish" in s) yield { type: "finish", reason: s.finish };
    else if ("usage" in s) yield { type: "usage", promptTokens: s.usage[0], completionTokens: s.usage[1] };
    else if ("end" in s) return;
  }
}

/** A 503. */
export const e503 = (msg = "503 Service Unavailable") =>
  new LlmError("upstream_unavailable", msg, { status: 503, retryable: true, countsForBreaker: true });
/** A 400: the request is wrong, retrying elsewhere will not help. */
export const e400 = (msg = "400 Bad Request") =>
  new LlmError("upstream_rejected", msg, { status: 400, retryable: false, countsForBreaker: false });
/** A 429 with an optional Retry-After. */
export const e429 = (retryAfterMs?: number) =>
  new LlmError("upstream_rate_limited", "429 Too Many Requests", {
    status: 429,
    retryable: true,
    countsForBreaker: false,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
/** A connection reset. */
export const eReset = () => new LlmError("upstream_reset", "ECONNRESET", { status: 502 });

/** Targets "a", "b", "c" (mock) with `overrides` merged in: `testConfig({ targets: mockTargets({ a: {...} }) })`. */
export const mockTargets = (overrides: Record<string, Record<string, unknown>> = {}) => ({
  a: { provider: "mock" },
  b: { provider: "mock" },
  c: { provider: "mock" },
  ...overrides,
});

/**
 * A config with targets "a", "b", "c" (mock) and route "main" (fallback a, b, c)
 * mapped by profile "default"; `patch` is merged in before parsing.
 */
export function testConfig(patch: Record<string, unknown> = {}): LlmConfig {
  const base: Record<string, unknown> = {
    targets: mockTargets(),
    routes: { main: { strategy: "fallback", targets: ["a", "b", "c"] } },
    profiles: { default: { default: "main" } },
    breaker: { minRequests: 1000 },
    retry: { budgetRatio: 10, minRetriesPerSec: 100 },
    ...patch,
  };
  return parseLlmConfig(base);
}

/** A router on a manual clock with fake providers; `providers` maps target id → script. */
export interface Harness {
  clock: ManualClock;
  timers: ManualTimers;
  router: LlmRouter;
  providers: Record<string, FakeProvider>;
  events: string[];
}

/** Builds a router harness. Providers are created on first use from `scripts`. */
export function harness(
  config: LlmConfig,
  scripts: Record<string, Step[] | ((call: number, req: ChatRequest) => Step[])>,
  extra: Partial<LlmRouterDeps> = {},
): Harness {
  const clock = manualClock(1_700_000_000_000);
  const timers = manualTimers(clock);
  const providers: Record<string, FakeProvider> = {};
  for (const [id, s] of Object.entries(scripts)) providers[id] = fakeProvider(id, timers, s, clock);
  const events: string[] = [];
  const metrics: RouterMetrics = {
    onAttempt: (r) => events.push(`attempt ${r.target} ${r.reason} ${r.outcome}`),
    onHedge: (route, from, to) => events.push(`hedge ${route} ${from}->${to}`),
    onFailover: (route, from, to, e) => events.push(`failover ${route} ${from}->${to} ${e.code}`),
    onRestart: (route, from, to) => events.push(`restart ${route} ${from}->${to}`),
    breakerState: (t, s) => events.push(`breaker ${t} ${s}`),
  };
  const router = createLlmRouter({
    config,
    clock,
    timers,
    metrics,
    providers: (id) => {
      const p = providers[id];
      if (!p) throw new Error(`no fake provider for ${id}`);
      return p;
    },
    ...extra,
  });
  return { clock, timers, router, providers, events };
}

/** Drains an async iterable into text (deltas joined) and the chunks; captures a thrown error. */
export async function drain(
  chunks: AsyncIterable<ChatChunk>,
): Promise<{ text: string; chunks: ChatChunk[]; error?: unknown }> {
  const out: ChatChunk[] = [];
  try {
    for await (const c of chunks) out.push(c);
  } catch (error) {
    return { text: textOf(out), chunks: out, error };
  }
  return { text: textOf(out), chunks: out };
}

const textOf = (cs: ChatChunk[]) => cs.map((c) => (c.type === "delta" ? c.text : "")).join("");

/** A minimal chat request. */
export const ask = (text = "hi", extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: "user", content: text }],
  ...extra,
});
