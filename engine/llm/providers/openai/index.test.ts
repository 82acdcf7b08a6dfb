import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { ask, callContext, collect, fetchReturning } from "../../testing/collect.ts";
import { startMockUpstreams } from "../../testing/mock-upstreams.ts";
import { runHttpProviderContract } from "../../testing/provider.contract.ts";
import { type ChatRequest, LlmError } from "../../types.ts";
import { createOpenAiProvider, openAiRequestBody, openAiRequestJson } from "./index.ts";

runHttpProviderContract("openai", (baseUrl, t) =>
  createOpenAiProvider({ id: "openai-test", baseUrl: `${baseUrl}/v1`, ...t }),
);

describe("openai mapping", () => {
  const mock = startMockUpstreams();
  beforeEach(() => mock.reset());
  afterAll(() => mock.stop());

  test("posts to {baseUrl}/chat/completions with Bearer auth, stream and include_usage", async () => {
    const p = createOpenAiProvider({
      id: "o",
      baseUrl: `${mock.url}/v1/`,
      apiKey: "sk-k",
      headers: { "x-tenant": "t1" },
    });
    const req = ask("Where is my parcel?", {
      system: "You are kefu.",
      temperature: 0.2,
      topP: 0.9,
      maxTokens: 256,
      stop: ["\n\n"],
      user: "visitor-7",
    });
    const r = await collect(p.stream(req, callContext("gpt-4o-mini")));
    expect(r.error).toBeUndefined();
    const got = mock.requests[0];
    expect(got?.path).toBe("/v1/chat/completions");
    expect(got?.headers.get("authorization")).toBe("Bearer sk-k");
    expect(got?.headers.get("content-type")).toBe("application/json");
    expect(got?.headers.get("accept")).toBe("text/event-stream");
    expect(got?.headers.get("x-tenant")).toBe("t1");
    expect(got?.body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "You are kefu." },
        { role: "user", content: "Where is my parcel?" },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 256,
      stop: ["\n\n"],
      user: "visitor-7",
    });
  });

  test("no key, a path override, extra body fields and a conversation field (FastGPT-style)", async () => {
    const p = createOpenAiProvider({
      id: "fastgpt",
      kind: "fastgpt",
      baseUrl: `${mock.url}/api`,
      path: "v1/chat/completions",
      includeUsage: false,
      maxTokensField: "max_completion_tokens",
      conversationIdField: "chatId",
      extraBody: { detail: false, model: "ignored" },
    });
    expect(p.kind).toBe("fastgpt");
    const r = await collect(p.stream(ask("hi", { maxTokens: 9, conversationId: "c-42" }), callContext("m")));
    expect(r.error).toBeUndefined();
    expect(r.usage).toBeUndefined(); // not asked for, not sent
    expect(r.finish?.reason).toBe("stop");
    const got = mock.requests[0];
    expect(got?.path).toBe("/api/v1/chat/completions");
    expect(got?.headers.get("authorization")).toBeNull();
    expect(got?.body).toEqual({
      detail: false,
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      max_completion_tokens: 9,
      chatId: "c-42",
    });
  });

  test("finish_reason length and content_filter map through", async () => {
    const p = createOpenAiProvider({ id: "o", baseUrl: mock.url });
    mock.enqueue({ finishReason: "length" }, { finishReason: "content_filter" });
    expect((await collect(p.stream(ask("a"), callContext()))).finish?.reason).toBe("length");
    expect((await collect(p.stream(ask("a"), callContext()))).finish?.reason).toBe("content_filter");
  });

  test("a server that ignores stream:true and answers JSON is read as one completion", async () => {
    const p = createOpenAiProvider({ id: "o", baseUrl: mock.url });
    mock.enqueue({ nonStream: true, text: "Whole answer.", usage: { prompt: 3, completion: 2 } });
    const r = await collect(p.stream(ask("a"), callContext()));
    expect(r.chunks).toEqual([
      { type: "delta", text: "Whole answer." },
      { type: "usage", promptTokens: 3, completionTokens: 2 },
      { type: "finish", reason: "stop" },
    ]);
  });

  test("a 200 JSON error body maps like an in-stream error", async () => {
    const p = createOpenAiProvider({ id: "o", baseUrl: mock.url, apiKey: "sk-mock-abcdefghijk" });
    mock.enqueue({ fault: { kind: "json_error", error: "auth" } });
    const r = await collect(p.stream(ask("a"), callContext()));
    expect(r.error).toBeInstanceOf(LlmError);
    const e = r.error as LlmError;
    expect(e.code).toBe("upstream_rejected");
    expect(e.message).toContain("invalid_request_error");
    expect(e.message).not.toContain("sk-mock-abcdefghijk"); // the vendor echoed the key; we do not
  });

  test("a stream that ends after finish_reason without [DONE] still finishes", async () => {
    const body = [
      'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n',
      'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
    ].join("");
    const p = createOpenAiProvider({
      id: "o",
      baseUrl: "http://upstream.invalid",
      fetch: fetchReturning(body),
    });
    const r = await collect(p.stream(ask("a"), callContext()));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe("Hi");
    expect(r.finish?.reason).toBe("stop");
  });

  test("vLLM's {object:'error'} and `event: error` frames are vendor errors; other named events are skipped", async () => {
    const cases: [string, string][] = [
      ['data: {"object":"error","message":"boom","type":"InternalServerError","code":500}\n\n', "upstream_unavailable"],
      ['event: error\ndata: {"message":"quota"}\n\n', "upstream_unavailable"],
      ["event: error\ndata: upstream exploded\n\n", "upstream_unavailable"],
      ['data: {"error":{"message":"slow down","type":"rate_limit_exceeded"}}\n\n', "upstream_rate_limited"],
    ];
    for (const [body, code] of cases) {
      const p = createOpenAiProvider({
        id: "o",
        baseUrl: "http://upstream.invalid",
        fetch: fetchReturning(body),
      });
      const r = await collect(p.stream(ask("a"), callContext()));
      expect((r.error as LlmError).code).toBe(code as LlmError["code"]);
    }
    const fastgpt = [
      'event: flowNodeStatus\ndata: {"status":"running","name":"AI"}\n\n',
      'event: answer\ndata: {"choices":[{"delta":{"content":"Hi"},"finish_reason":null}]}\n\n',
      'event: answer\ndata: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\n',
      "event: answer\ndata: [DONE]\n\n",
    ].join("");
    const p = createOpenAiProvider({
      id: "o",
      baseUrl: "http://upstream.invalid",
      fetch: fetchReturning(fastgpt),
    });
    const r = await collect(p.stream(ask("a"), callContext()));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe("Hi");
  });

  test("an HTML page where a stream was expected → upstream_protocol", async () => {
    const p = createOpenAiProvider({
      id: "o",
      baseUrl: "http://upstream.invalid",
      fetch: fetchReturning("<html>gateway</html>", { contentType: "text/html" }),
    });
    const r = await collect(p.stream(ask("a"), callContext()));
    expect((r.error as LlmError).code).toBe("upstream_protocol");
  });

  test("a redirect is a configuration error, not followed", async () => {
    const p = createOpenAiProvider({
      id: "o",
      baseUrl: "http://upstream.invalid",
      fetch: fetchReturning(null, { status: 301, headers: { location: "https://elsewhere/" } }),
    });
    const r = await collect(p.stream(ask("a"), callContext()));
    const e = r.error as LlmError;
    expect(e.code).toBe("upstream_rejected");
    expect(e.message).toContain("redirect");
  });

  test("openAiRequestBody leaves unset options out", () => {
    expect(openAiRequestBody(ask("q"), "m", {})).toEqual({
      model: "m",
      messages: [{ role: "user", content: "q" }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});

describe("openAiRequestJson", () => {
  const msgs = (...m: [string, string][]) => m.map(([role, content]) => ({ role, content })) as ChatRequest["messages"];
  const requests: ChatRequest[] = [
    { messages: msgs(["user", "hi"]) },
    {
      messages: msgs(["system", 'be "nice"\n'], ["user", "你好 😀 \u2028"], ["assistant", ""], ["user", "lone \ud800"]),
      model: "ignored",
      temperature: 0,
      topP: 0.5,
      maxTokens: 100,
      stop: ["\n", "END"],
      user: "u-1",
    },
    { messages: msgs(["user", "x"]), temperature: Number.NaN, stop: [] },
    { messages: msgs(["tool" as never, "odd role"]) },
  ];
  const options: Parameters<typeof openAiRequestJson>[2][] = [
    {},
    { includeUsage: false },
    { maxTokensField: "max_completion_tokens" },
    { maxTokensField: "max_new_tokens" as never }, // from a config file: anything may come
    { extraBody: { seed: 7, model: "overridden?" } },
    { conversationIdField: "conversation_id" },
  ];
  test("the same bytes as JSON.stringify of openAiRequestBody, for every request, option set and stream mode", () => {
    for (const req of [...requests, { ...ask("q"), conversationId: "c-9" }])
      for (const o of options)
        for (const stream of [true, false])
          expect(openAiRequestJson(req, 'gpt-"4o', o, stream)).toBe(
            JSON.stringify(openAiRequestBody(req, 'gpt-"4o', o, stream)),
          );
  });
});

describe("openai complete (one non-streamed call)", () => {
  const mock = startMockUpstreams();
  beforeEach(() => mock.reset());
  afterAll(() => mock.stop());
  const provider = (extra: Partial<Parameters<typeof createOpenAiProvider>[0]> = {}) =>
    createOpenAiProvider({ id: "o", baseUrl: `${mock.url}/v1`, apiKey: "sk-k", ...extra });
  const complete = (p: ReturnType<typeof provider>, ctx = callContext("gpt-4o-mini")) =>
    (p.complete as NonNullable<typeof p.complete>)(ask("Where is my parcel?"), ctx);

  test("posts stream:false without stream_options, accepts JSON and returns delta, usage, finish", async () => {
    mock.enqueue({ text: "It ships today.", usage: { prompt: 7, completion: 4 } });
    const chunks = await complete(provider());
    expect(chunks).toEqual([
      { type: "delta", text: "It ships today." },
      { type: "usage", promptTokens: 7, completionTokens: 4 },
      { type: "finish", reason: "stop" },
    ]);
    const got = mock.requests[0];
    expect(got?.headers.get("accept")).toBe("application/json");
    expect(got?.headers.get("authorization")).toBe("Bearer sk-k");
    expect(got?.body).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Where is my parcel?" }],
      stream: false,
    });
  });

  test("a server that streams anyway is decoded from the complete body", async () => {
    const body = [
      'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n',
      'data: {"choices":[{"index":0,"delta":{"content":" there"},"finish_reason":"length"}]}\n\n',
      "data: [DONE]\n\n",
    ].join("");
    const chunks = await complete(provider({ fetch: fetchReturning(body) }));
    expect(chunks).toEqual([
      { type: "delta", text: "Hi" },
      { type: "delta", text: " there" },
      { type: "finish", reason: "length" },
    ]);
  });

  test("statuses map as for streams: 503 unavailable, 429 with Retry-After, 400 rejected", async () => {
    mock.enqueue({ status: 503 });
    const e1 = await complete(provider()).catch((e) => e);
    expect(e1).toBeInstanceOf(LlmError);
    expect((e1 as LlmError).code).toBe("upstream_unavailable");
    mock.enqueue({ status: 429, headers: { "retry-after": "2" } });
    const e2 = (await complete(provider()).catch((e) => e)) as LlmError;
    expect(e2.code).toBe("upstream_rate_limited");
    expect(e2.retryAfterMs).toBe(2000);
    mock.enqueue({ status: 400 });
    const e3 = (await complete(provider()).catch((e) => e)) as LlmError;
    expect(e3.code).toBe("upstream_rejected");
    expect(e3.retryable).toBe(false);
  });

  test("a 200 JSON error body, malformed JSON and HTML are typed errors", async () => {
    mock.enqueue({ fault: { kind: "json_error", error: "auth" } });
    const e1 = (await complete(provider()).catch((e) => e)) as LlmError;
    expect(e1.code).toBe("upstream_rejected");
    const e2 = (await complete(
      provider({ fetch: fetchReturning('{"choices":[', { contentType: "application/json" }) }),
    ).catch((e) => e)) as LlmError;
    expect(e2.code).toBe("upstream_protocol");
    const e3 = (await complete(
      provider({ fetch: fetchReturning("<html></html>", { contentType: "text/html" }) }),
    ).catch((e) => e)) as LlmError;
    expect(e3.code).toBe("upstream_protocol");
  });

  test("a streamed body without a finish is stream_interrupted", async () => {
    const body = 'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n';
    const e = (await complete(provider({ fetch: fetchReturning(body) })).catch((x) => x)) as LlmError;
    expect(e).toBeInstanceOf(LlmError);
    expect(e.code).toBe("stream_interrupted");
  });

  test("connection refused → upstream_unavailable; an aborted signal throws its reason", async () => {
    const dead = createOpenAiProvider({ id: "o", baseUrl: "http://127.0.0.1:1/v1" });
    const e = (await complete(dead).catch((x) => x)) as LlmError;
    expect(e.code).toBe("upstream_unavailable");
    mock.enqueue({ firstByteDelayMs: 5_000 });
    const ctx = callContext("gpt-4o-mini");
    const pending = complete(provider(), ctx).catch((x) => x);
    await new Promise((r) => setImmediate(r));
    ctx.abort(new Error("caller left"));
    expect(((await pending) as Error).message).toBe("caller left");
  });
});
