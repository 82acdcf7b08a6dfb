/**
 * The contract every HTTP provider keeps, run against the mock upstreams in its
 * vendor's wire format: exact text reassembly across arbitrary chunk boundaries,
 * usage and finish, and every failure mapped to the right `LlmError` code and
 * flags (see engine/llm/providers/errors.ts), plus cancellation reaching the
 * upstream socket.
 *
 * @example
 *   runHttpProviderContract("openai", (baseUrl, t) =>
 *     createOpenAiProvider({ id: "openai-test", baseUrl: `${baseUrl}/v1`, apiKey: t.apiKey, ...t }));
 */
import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import type { Clock } from "../../clock.ts";
import { manualClock } from "../../clock.ts";
import { LlmError, type LlmErrorCode, type LlmProvider } from "../types.ts";
import { ask, callContext, collect } from "./collect.ts";
import { type MockEnding, type MockScript, startMockUpstreams } from "./mock-upstreams.ts";

/** What the contract passes to the factory. */
export interface ContractTransport {
  apiKey: string;
  timeouts: { firstByteMs: number; idleMs: number };
  clock: Clock;
}

/** The API key every contract provider is built with; it must never reach an error message. */
export const CONTRACT_API_KEY = "sk-contract-secret-0123456789";

/** Small deadlines so stall and slow-start cases take tens of milliseconds. */
const TIMEOUTS = { firstByteMs: 150, idleMs: 80 };

function expectLlmError(
  e: unknown,
  code: LlmErrorCode,
  flags: { retryable?: boolean; countsForBreaker?: boolean } = {},
): LlmError {
  expect(e).toBeInstanceOf(LlmError);
  const err = e as LlmError;
  expect(err.code).toBe(code);
  if (flags.retryable !== undefined) expect(err.retryable).toBe(flags.retryable);
  if (flags.countsForBreaker !== undefined) expect(err.countsForBreaker).toBe(flags.countsForBreaker);
  expect(err.message).not.toContain(CONTRACT_API_KEY);
  expect(err.message).not.toContain("sk-mock");
  return err;
}

function causeOf(e: unknown): LlmError {
  const cause = (e as Error).cause;
  expect(cause).toBeInstanceOf(LlmError);
  return cause as LlmError;
}

async function settled(p: Promise<MockEnding> | undefined, ms = 2_000): Promise<MockEnding | "pending"> {
  if (!p) return "pending";
  return Promise.race([p, Bun.sleep(ms).then(() => "pending" as const)]);
}

/**
 * Registers the contract tests for one provider. `make` builds the provider for a
 * mock base URL (the vendor paths are appended as the provider does in production).
 *
 * @example
 *   runHttpProviderContract("dify", (baseUrl, t) => createDifyProvider({ id: "dify-test", baseUrl, ...t }));
 */
export function runHttpProviderContract(
  name: string,
  make: (baseUrl: string, t: ContractTransport) => LlmProvider,
): void {
  describe(`${name} provider contract`, () => {
    const mock = startMockUpstreams();
    const clock = manualClock(Date.parse("2025-01-01T00:00:00Z"));
    const provider = make(mock.url, { apiKey: CONTRACT_API_KEY, timeouts: TIMEOUTS, clock });
    const run = (script: MockScript, question = "hello") => {
      mock.enqueue(script);
      return collect(provider.stream(ask(question), callContext()));
    };

    beforeEach(() => mock.reset());
    afterAll(() => mock.stop());

    test("streams the answer exactly, then usage, then one finish", async () => {
      const r = await run({ text: "Sure — your order #123 ships today.", usage: { prompt: 21, completion: 9 } });
      expect(r.error).toBeUndefined();
      expect(r.text).toBe("Sure — your order #123 ships today.");
      expect(r.deltas.length).toBeGreaterThan(1);
      expect(r.usage).toEqual({ type: "usage", promptTokens: 21, completionTokens: 9 });
      expect(r.finish?.reason).toBe("stop");
      expect(r.chunks.at(-1)?.type).toBe("finish");
      expect(r.chunks.filter((c) => c.type === "finish")).toHaveLength(1);
      expect(await settled(mock.requests[0]?.ended)).toBe("complete");
    });

    test("reassembles multi-byte UTF-8 split at every kind of boundary", async () => {
      const text = "您好！我是智能客服😀，很高兴为您服务。请问有什么可以帮您？";
      for (const maxBytes of [1, 2, 3, 5]) {
        const r = await run({ text, split: { maxBytes } });
        expect(r.error).toBeUndefined();
        expect(r.text).toBe(text);
      }
    });

    test("ignores keep-alives and accepts CRLF and CR line ends", async () => {
      for (const s of [{ keepAlive: true }, { lineEnding: "\r\n" }, { lineEnding: "\r" }] as MockScript[]) {
        const r = await run({ ...s, text: "One two three." });
        expect(r.error).toBeUndefined();
        expect(r.text).toBe("One two three.");
        expect(r.finish?.reason).toBe("stop");
      }
    });

    test("429 with Retry-After seconds → upstream_rate_limited that honours the delay", async () => {
      const r = await run({ status: 429, headers: { "retry-after": "2" } });
      const e = expectLlmError(r.error, "upstream_rate_limited", { retryable: true, countsForBreaker: false });
      expect(e.retryAfterMs).toBe(2_000);
      expect(e.target).toBe(provider.id);
      expect(e.message).toContain("429");
    });

    test("429 with an HTTP-date Retry-After is measured from the clock", async () => {
      const at = new Date(clock.now() + 5_000).toUTCString();
      const r = await run({ status: 429, headers: { "retry-after": at } });
      expect(expectLlmError(r.error, "upstream_rate_limited").retryAfterMs).toBe(5_000);
    });

    test("500 and 503 → upstream_unavailable, counted by the breaker", async () => {
      for (const status of [500, 503]) {
        const r = await run({ status });
        const e = expectLlmError(r.error, "upstream_unavailable", { retryable: true, countsForBreaker: true });
        expect(e.message).toContain(String(status));
      }
    });

    test("400/401/403/404/422 → upstream_rejected, not retried, not counted; the key never shows", async () => {
      for (const status of [400, 401, 403, 404, 422]) {
        const r = await run({ status, error: status === 401 ? "auth" : "invalid" });
        const e = expectLlmError(r.error, "upstream_rejected", { retryable: false, countsForBreaker: false });
        expect(e.message).toContain(provider.id);
        expect(e.message).toContain(String(status));
      }
    });

    test("a reset before the first delta → upstream_reset", async () => {
      const r = await run({ fault: { kind: "reset", after: 0 } });
      expectLlmError(r.error, "upstream_reset", { retryable: true, countsForBreaker: true });
      expect(r.text).toBe("");
    });

    test("a reset mid-answer → stream_interrupted caused by upstream_reset", async () => {
      const r = await run({ text: "one two three four", fault: { kind: "reset", after: 2 } });
      expectLlmError(r.error, "stream_interrupted", { retryable: true, countsForBreaker: true });
      expect(causeOf(r.error).code).toBe("upstream_reset");
      expect(r.text).toBe("one two ");
      expect(r.finish).toBeUndefined();
    });

    test("a stall before the first delta → upstream_timeout, and the socket is closed", async () => {
      const r = await run({ fault: { kind: "stall", after: 0 } });
      expectLlmError(r.error, "upstream_timeout", { retryable: true, countsForBreaker: true });
      expect(await settled(mock.requests[0]?.ended)).toBe("client_closed");
    });

    test("a stall mid-answer → stream_interrupted caused by the idle timeout", async () => {
      const t0 = performance.now();
      const r = await run({ text: "one two three", fault: { kind: "stall", after: 2 } });
      expectLlmError(r.error, "stream_interrupted");
      expect(causeOf(r.error).code).toBe("upstream_timeout");
      expect(performance.now() - t0).toBeLessThan(1_500);
      expect(r.text).toBe("one two ");
      expect(await settled(mock.requests[0]?.ended)).toBe("client_closed");
    });

    test("a slow first byte → upstream_timeout after firstByteMs", async () => {
      const t0 = performance.now();
      const r = await run({ firstByteDelayMs: 1_000 });
      expectLlmError(r.error, "upstream_timeout");
      const took = performance.now() - t0;
      expect(took).toBeGreaterThanOrEqual(TIMEOUTS.firstByteMs - 5);
      expect(took).toBeLessThan(900);
      expect(await settled(mock.requests[0]?.ended)).toBe("client_closed");
    });

    test("slow events within idleMs are fine", async () => {
      const r = await run({ text: "a b c", eventDelayMs: TIMEOUTS.idleMs / 4 });
      expect(r.error).toBeUndefined();
      expect(r.text).toBe("a b c");
    });

    test("a stream cut mid-answer (no finish, no end marker) → stream_interrupted", async () => {
      const r = await run({ text: "one two three", fault: { kind: "cut", after: 2 } });
      expectLlmError(r.error, "stream_interrupted", { retryable: true, countsForBreaker: true });
      expect(r.text).toBe("one two ");
    });

    test("a stream cut before any delta → stream_interrupted", async () => {
      const r = await run({ fault: { kind: "cut", after: 0 } });
      expectLlmError(r.error, "stream_interrupted");
    });

    test("malformed chunk JSON → upstream_protocol, or stream_interrupted after a delta", async () => {
      const early = await run({ fault: { kind: "malformed", after: 0 } });
      expectLlmError(early.error, "upstream_protocol");
      const late = await run({ text: "one two three", fault: { kind: "malformed", after: 1 } });
      expectLlmError(late.error, "stream_interrupted");
      expect(causeOf(late.error).code).toBe("upstream_protocol");
      expect(late.text).toBe("one ");
    });

    test("vendor error events map by meaning", async () => {
      const overloaded = await run({ fault: { kind: "vendor_error", after: 0, error: "overloaded" } });
      expectLlmError(overloaded.error, "upstream_unavailable", { retryable: true, countsForBreaker: true });
      const limited = await run({ fault: { kind: "vendor_error", after: 0, error: "rate_limit" } });
      expectLlmError(limited.error, "upstream_rate_limited", { retryable: true, countsForBreaker: false });
      const invalid = await run({ fault: { kind: "vendor_error", after: 0, error: "invalid" } });
      expectLlmError(invalid.error, "upstream_rejected", { retryable: false, countsForBreaker: false });
      const mid = await run({ text: "one two three", fault: { kind: "vendor_error", after: 2 } });
      expectLlmError(mid.error, "stream_interrupted");
      expect(causeOf(mid.error).code).toBe("upstream_unavailable");
      expect(mid.text).toBe("one two ");
    });

    test("aborting ctx.signal mid-stream throws its reason and closes the upstream socket", async () => {
      mock.enqueue({ text: "one two three four five", eventDelayMs: 40 });
      const ctx = callContext();
      const reason = new Error("caller went away");
      const got: string[] = [];
      let thrown: unknown;
      try {
        for await (const c of provider.stream(ask("hi"), ctx)) {
          if (c.type === "delta") got.push(c.text);
          if (got.length === 1) ctx.abort(reason);
        }
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBe(reason);
      expect(got).toEqual(["one "]);
      expect(await settled(mock.requests[0]?.ended)).toBe("client_closed");
    });

    test("aborting while waiting for the first byte cancels the request", async () => {
      mock.enqueue({ firstByteDelayMs: 2_000 });
      const ctx = callContext();
      setTimeout(() => ctx.abort(new Error("cancelled")), 30);
      const r = await collect(provider.stream(ask("hi"), ctx));
      expect((r.error as Error).message).toBe("cancelled");
      expect(await settled(mock.requests[0]?.ended)).toBe("client_closed");
    });

    test("an already aborted signal sends nothing", async () => {
      const ctx = callContext();
      ctx.abort(new Error("too late"));
      const r = await collect(provider.stream(ask("hi"), ctx));
      expect((r.error as Error).message).toBe("too late");
      expect(mock.requests).toHaveLength(0);
    });

    test("leaving the loop early (break) closes the upstream socket", async () => {
      mock.enqueue({ text: "one two three four five", eventDelayMs: 40 });
      for await (const c of provider.stream(ask("hi"), callContext())) {
        if (c.type === "delta") break;
      }
      expect(await settled(mock.requests[0]?.ended)).toBe("client_closed");
    });

    test("connection refused → upstream_unavailable", async () => {
      const dead = startMockUpstreams();
      const url = dead.url;
      await dead.stop();
      const p = make(url, { apiKey: CONTRACT_API_KEY, timeouts: TIMEOUTS, clock });
      const r = await collect(p.stream(ask("hi"), callContext()));
      expectLlmError(r.error, "upstream_unavailable", { retryable: true, countsForBreaker: true });
    });
  });
}
