import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { type MockScript, type MockVendor, mockScripts, startMockUpstreams } from "./mock-upstreams.ts";

const PATHS: Record<MockVendor, string> = {
  openai: "/v1/chat/completions",
  anthropic: "/v1/messages",
  dify: "/v1/chat-messages",
  coze: "/v3/chat",
};
const STREAM_BODIES: Record<MockVendor, object> = {
  openai: { model: "m", stream: true, stream_options: { include_usage: true } },
  anthropic: { model: "m", stream: true },
  dify: { query: "q", response_mode: "streaming", user: "u" },
  coze: { bot_id: "b", stream: true },
};

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: "POST", body: JSON.stringify(body), headers });
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of res.body ?? []) {
    text += decoder.decode(chunk, { stream: true });
  }
  return { status: res.status, headers: res.headers, text };
}

describe("mock upstreams", () => {
  const mock = startMockUpstreams({ scripts: { custom: { text: "custom script" } } });
  beforeEach(() => mock.reset());
  afterAll(() => mock.stop());

  test("each vendor's normal stream carries the answer and ends with its end marker", async () => {
    const markers: Record<MockVendor, string> = {
      openai: "data: [DONE]\n\n",
      anthropic: 'event: message_stop\ndata: {"type":"message_stop"}\n\n',
      dify: '"event":"message_end"',
      coze: 'event:done\ndata:"[DONE]"\n\n',
    };
    for (const vendor of Object.keys(PATHS) as MockVendor[]) {
      mock.enqueue({ deltas: ["Hi", " there"] });
      const r = await post(mock.url + PATHS[vendor], STREAM_BODIES[vendor]);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toStartWith("text/event-stream");
      expect(r.text).toContain('"Hi"');
      expect(r.text).toContain('" there"');
      expect(r.text).toContain(markers[vendor]);
      expect(mock.requests.at(-1)?.vendor).toBe(vendor);
      expect(await mock.requests.at(-1)?.ended).toBe("complete");
    }
  });

  test("streams are cut into small writes by default, whole events with split: false", async () => {
    mock.enqueue({ split: { maxBytes: 4 } }, { split: false });
    const small = await post(mock.url + PATHS.openai, STREAM_BODIES.openai);
    const whole = await post(mock.url + PATHS.openai, STREAM_BODIES.openai);
    const norm = (t: string) => t.replace(/"created":\d+/g, '"created":0');
    expect(norm(small.text)).toBe(norm(whole.text)); // same bytes…
    // …cut into more writes. How the client's reads coalesce them depends on timing, so the
    // assertion is on the writes the mock flushed, not on the client's read sizes.
    const [smallReq, wholeReq] = mock.requests;
    expect(Math.max(...(smallReq?.writes ?? [99]))).toBeLessThanOrEqual(4);
    expect(smallReq?.writes.reduce((a, b) => a + b, 0)).toBe(new TextEncoder().encode(small.text).length);
    expect(wholeReq?.writes.length).toBeLessThan(smallReq?.writes.length ?? 0);
    expect(wholeReq?.writes.reduce((a, b) => a + b, 0)).toBe(new TextEncoder().encode(whole.text).length);
  });

  test("a request that did not ask for a stream gets the vendor's JSON reply", async () => {
    const r = await post(mock.url + PATHS.openai, { model: "m", stream: false });
    const body = JSON.parse(r.text) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe("Hello! How can I help you today?");
  });

  test("script choice: header name, then /s/<name>, then the queue, then the default", async () => {
    mock.setScript({ text: "default script" });
    mock.enqueue({ text: "queued script" });
    const viaHeader = await post(mock.urlFor("chinese") + PATHS.openai, STREAM_BODIES.openai, {
      "x-mock-script": "custom",
    });
    expect(viaHeader.text).toContain("custom");
    const viaPath = await post(mock.urlFor("custom") + PATHS.openai, STREAM_BODIES.openai);
    expect(viaPath.text).toContain("custom");
    const queued = await post(mock.url + PATHS.openai, STREAM_BODIES.openai);
    expect(queued.text).toContain("queued");
    const fallback = await post(mock.url + PATHS.openai, STREAM_BODIES.openai);
    expect(fallback.text).toContain("default");
    expect(mock.requests.map((r) => r.scriptName)).toEqual(["custom", "custom", undefined, undefined]);
    expect(mock.requests[1]?.path).toBe(PATHS.openai); // the /s/<name> prefix is stripped
  });

  test("inline JSON scripts in the header; unknown names and routes are errors", async () => {
    const inline: MockScript = { status: 429, headers: { "retry-after": "7" } };
    const r = await post(mock.url + PATHS.anthropic, STREAM_BODIES.anthropic, {
      "x-mock-script": JSON.stringify(inline),
    });
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("7");
    expect(JSON.parse(r.text)).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    expect((await post(mock.urlFor("nope") + PATHS.openai, {})).status).toBe(400);
    expect((await post(mock.url + PATHS.openai, {}, { "x-mock-script": "{not json" })).status).toBe(400);
    expect((await post(`${mock.url}/v1/embeddings`, {})).status).toBe(404);
  });

  test("records method, path, query, headers and the parsed body", async () => {
    await post(
      `${mock.url + PATHS.coze}?conversation_id=c1`,
      { bot_id: "b", stream: true },
      { authorization: "Bearer x" },
    );
    const got = mock.requests[0];
    expect(got?.method).toBe("POST");
    expect(got?.path).toBe("/v3/chat");
    expect(got?.query.get("conversation_id")).toBe("c1");
    expect(got?.headers.get("authorization")).toBe("Bearer x");
    expect(got?.body).toEqual({ bot_id: "b", stream: true });
    expect(got?.seq).toBe(0);
  });

  test("reset forgets requests and queued scripts", async () => {
    mock.enqueue({ status: 500 });
    await post(mock.url + PATHS.openai, STREAM_BODIES.openai);
    mock.enqueue({ status: 500 });
    mock.reset();
    expect(mock.requests).toHaveLength(0);
    expect((await post(mock.url + PATHS.openai, STREAM_BODIES.openai)).status).toBe(200);
  });

  test("every built-in script is usable by name", async () => {
    for (const name of Object.keys(mockScripts)) {
      if (name === "stall" || name === "slow_first_token") continue; // covered with deadlines in the contract
      const res = await fetch(mock.urlFor(name) + PATHS.openai, {
        method: "POST",
        body: JSON.stringify(STREAM_BODIES.openai),
      }).catch((e: unknown) => e);
      if (res instanceof Response) await res.text().catch(() => "");
      expect(mock.requests.at(-1)?.scriptName).toBe(name);
    }
  });

  test("record: false keeps no requests (for benchmarks)", async () => {
    const own = startMockUpstreams({ record: false });
    const r = await post(own.url + PATHS.dify, STREAM_BODIES.dify);
    expect(r.text).toContain("message_end");
    expect(own.requests).toHaveLength(0);
    await own.stop();
  });

  test("stop() ends stalled streams", async () => {
    const own = startMockUpstreams({ defaultScript: { fault: { kind: "stall", after: 1 } } });
    const res = await fetch(own.url + PATHS.openai, { method: "POST", body: JSON.stringify(STREAM_BODIES.openai) });
    const reader = res.body?.getReader();
    await reader?.read();
    await own.stop();
    expect(await own.requests[0]?.ended).toBeOneOf(["server_stopped", "client_closed"]);
  });
});
