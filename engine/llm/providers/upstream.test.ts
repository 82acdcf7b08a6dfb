import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { ask, callContext, collect, fetchReturning } from "../testing/collect.ts";
import { startMockUpstreams } from "../testing/mock-upstreams.ts";
import { LlmError } from "../types.ts";
import { createOpenAiProvider } from "./openai/index.ts";
import { mediaTypeOf, openUpstream } from "./upstream.ts";

/** What openUpstream throws for a response with this body and status. */
function failWith(body: string, status: number): Promise<unknown> {
  return openUpstream({
    target: "t",
    url: "http://upstream.invalid/",
    headers: {},
    body: {},
    signal: new AbortController().signal,
    transport: { fetch: fetchReturning(body, { status, contentType: "text/plain" }) },
  }).catch((err: unknown) => err);
}

describe("upstream calls", () => {
  const mock = startMockUpstreams();
  beforeEach(() => mock.reset());
  afterAll(() => mock.stop());

  test("a completed answer leaves the connection open for the next call; an abandoned one closes it", async () => {
    const p = createOpenAiProvider({ id: "o", baseUrl: mock.url });
    await collect(p.stream(ask("1"), callContext()));
    await Bun.sleep(20); // the background drain reads the last bytes
    await collect(p.stream(ask("2"), callContext()));
    const [a, b] = mock.requests;
    expect(a?.remotePort).toBeDefined();
    expect(b?.remotePort).toBe(a?.remotePort as number);

    await Bun.sleep(20);
    mock.enqueue({ text: "one two three four", eventDelayMs: 30 });
    for await (const c of p.stream(ask("3"), callContext())) if (c.type === "delta") break;
    expect(await mock.requests[2]?.ended).toBe("client_closed");
    await collect(p.stream(ask("4"), callContext()));
    expect(mock.requests[2]?.remotePort).toBe(a?.remotePort as number);
    expect(mock.requests[3]?.remotePort).not.toBe(a?.remotePort as number);
  });

  test("a slow consumer is not a stalled upstream: the idle deadline runs only while reading", async () => {
    const p = createOpenAiProvider({ id: "o", baseUrl: mock.url, timeouts: { idleMs: 40 } });
    mock.enqueue({ text: "one two three" });
    const got: string[] = [];
    for await (const c of p.stream(ask("q"), callContext())) {
      if (c.type === "delta") got.push(c.text);
      await Bun.sleep(60); // longer than idleMs between reads
    }
    expect(got.join("")).toBe("one two three");
  });

  test("a first byte inside firstByteMs is fine even when it is longer than idleMs", async () => {
    const p = createOpenAiProvider({ id: "o", baseUrl: mock.url, timeouts: { firstByteMs: 400, idleMs: 40 } });
    mock.enqueue({ firstByteDelayMs: 120, text: "late but fine" });
    const r = await collect(p.stream(ask("q"), callContext()));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe("late but fine");
  });

  test("the idle deadline applies between chunks after a long first byte", async () => {
    const p = createOpenAiProvider({ id: "o", baseUrl: mock.url, timeouts: { firstByteMs: 2_000, idleMs: 50 } });
    mock.enqueue({ text: "a b c", fault: { kind: "stall", after: 1 } });
    const t0 = performance.now();
    const r = await collect(p.stream(ask("q"), callContext()));
    expect((r.error as LlmError).code).toBe("stream_interrupted");
    expect(((r.error as LlmError).cause as LlmError).message).toContain("stalled");
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  test("an already aborted signal throws its reason without sending", async () => {
    const ac = new AbortController();
    ac.abort(new Error("gone"));
    await expect(
      openUpstream({
        target: "t",
        url: `${mock.url}/v1/chat/completions`,
        headers: {},
        body: {},
        signal: ac.signal,
        transport: {},
      }),
    ).rejects.toThrow("gone");
    expect(mock.requests).toHaveLength(0);
  });

  test("an error body is read only up to a bound and non-JSON text becomes the detail", async () => {
    const huge = "x".repeat(200_000);
    const e = await failWith(`upstream says no ${huge}`, 502);
    expect(e).toBeInstanceOf(LlmError);
    expect((e as LlmError).code).toBe("upstream_unavailable");
    expect((e as LlmError).message).toStartWith("t: upstream HTTP 502: upstream says no x");
    expect((e as LlmError).message.length).toBeLessThan(400);
  });

  test("an HTML error page is not copied into the message", async () => {
    const e = await failWith("<html><body>Bad gateway</body></html>", 502);
    expect((e as LlmError).message).toBe("t: upstream HTTP 502");
  });
});

describe("mediaTypeOf", () => {
  test("drops parameters and case, keeps an exact type as is, and is empty without a header", () => {
    const of = (ct?: string) => mediaTypeOf(new Headers(ct === undefined ? {} : { "content-type": ct }));
    expect(of("application/json")).toBe("application/json");
    expect(of("text/event-stream")).toBe("text/event-stream");
    expect(of("application/json; charset=utf-8")).toBe("application/json");
    expect(of("Text/Event-Stream ;charset=UTF-8")).toBe("text/event-stream");
    expect(of(" text/html")).toBe("text/html");
    expect(of()).toBe("");
    // The same header again, then others in turn: each gets its own answer (the last one is kept).
    for (const [ct, type] of [
      ["Text/Event-Stream ;charset=UTF-8", "text/event-stream"],
      ["Text/Event-Stream ;charset=UTF-8", "text/event-stream"],
      ["application/json;charset=utf-8", "application/json"],
      ["TEXT/HTML", "text/html"],
      ["application/json;charset=utf-8", "application/json"],
    ] as const)
      expect(of(ct)).toBe(type);
  });
});
