import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { ask, callContext, collect, fetchReturning } from "../../testing/collect.ts";
import { startMockUpstreams } from "../../testing/mock-upstreams.ts";
import { runHttpProviderContract } from "../../testing/provider.contract.ts";
import type { LlmError } from "../../types.ts";
import { createDifyProvider, difyRequestBody } from "./index.ts";

runHttpProviderContract("dify", (baseUrl, t) => createDifyProvider({ id: "dify-test", baseUrl, ...t }));

describe("dify mapping", () => {
  const mock = startMockUpstreams();
  beforeEach(() => mock.reset());
  afterAll(() => mock.stop());

  test("posts the last user message as query, with Bearer app key, user and conversation id", async () => {
    const p = createDifyProvider({
      id: "dify",
      apiKey: "app-key-123",
      baseUrl: `${mock.url}/v1`, // as Dify's console shows it
      inputs: (req) => ({ tenant: req.tenantId ?? "" }),
    });
    const req = {
      messages: [
        { role: "system" as const, content: "ignored: the app has its prompt" },
        { role: "user" as const, content: "first question" },
        { role: "assistant" as const, content: "first answer" },
        { role: "user" as const, content: "我的订单到哪了？" },
      ],
      user: "visitor-3",
      tenantId: "acme",
      conversationId: "conv-77",
    };
    const r = await collect(p.stream(req, callContext()));
    expect(r.error).toBeUndefined();
    const got = mock.requests[0];
    expect(got?.path).toBe("/v1/chat-messages");
    expect(got?.headers.get("authorization")).toBe("Bearer app-key-123");
    expect(got?.body).toEqual({
      inputs: { tenant: "acme" },
      query: "我的订单到哪了？",
      response_mode: "streaming",
      user: "visitor-3",
      conversation_id: "conv-77",
    });
  });

  test("a base URL without /v1 gets it; a new conversation sends no id and the default user", async () => {
    const p = createDifyProvider({ id: "dify", apiKey: "app-k", baseUrl: mock.url, inputs: { lang: "zh" } });
    await collect(p.stream(ask("hi"), callContext()));
    expect(mock.requests[0]?.path).toBe("/v1/chat-messages");
    expect(mock.requests[0]?.body).toEqual({
      inputs: { lang: "zh" },
      query: "hi",
      response_mode: "streaming",
      user: "kefu",
    });
  });

  test("the finish carries Dify's conversation id; usage comes from message_end metadata", async () => {
    const p = createDifyProvider({ id: "dify", apiKey: "app-k", baseUrl: mock.url });
    mock.enqueue({ text: "您好，请稍等。", conversationId: "conv-new-1", usage: { prompt: 30, completion: 6 } });
    const r = await collect(p.stream(ask("hi"), callContext()));
    expect(r.text).toBe("您好，请稍等。");
    expect(r.usage).toEqual({ type: "usage", promptTokens: 30, completionTokens: 6 });
    expect(r.finish).toEqual({ type: "finish", reason: "stop", conversationId: "conv-new-1" });
  });

  test("agent apps stream agent_message events", async () => {
    const p = createDifyProvider({ id: "dify", apiKey: "app-k", baseUrl: mock.url });
    mock.enqueue({ text: "Agent says hi.", difyAgent: true });
    const r = await collect(p.stream(ask("hi"), callContext()));
    expect(r.text).toBe("Agent says hi.");
    expect(r.finish?.reason).toBe("stop");
  });

  test("blocking mode asks for JSON and streams the answer as one delta", async () => {
    const p = createDifyProvider({ id: "dify", apiKey: "app-k", baseUrl: mock.url, mode: "blocking" });
    mock.enqueue({ text: "Blocking answer.", conversationId: "conv-b", usage: { prompt: 5, completion: 3 } });
    const r = await collect(p.stream(ask("hi"), callContext()));
    expect(mock.requests[0]?.headers.get("accept")).toBe("application/json");
    expect(mock.requests[0]?.body).toMatchObject({ response_mode: "blocking" });
    expect(r.chunks).toEqual([
      { type: "delta", text: "Blocking answer." },
      { type: "usage", promptTokens: 5, completionTokens: 3 },
      { type: "finish", reason: "stop", conversationId: "conv-b" },
    ]);
  });

  test("blocking mode: a model failure (HTTP 400 completion_request_error) is retryable, bad params are not", async () => {
    const p = createDifyProvider({ id: "dify", apiKey: "app-k", baseUrl: mock.url, mode: "blocking" });
    const failures: [object, string, boolean][] = [
      [
        { code: "completion_request_error", message: "[openai] Server Unavailable Error", status: 400 },
        "upstream_unavailable",
        true,
      ],
      [{ code: "provider_quota_exceeded", message: "quota", status: 400 }, "upstream_rate_limited", true],
      [{ code: "invalid_param", message: "query is required", status: 400 }, "upstream_rejected", false],
    ];
    for (const [body, code, retryable] of failures) {
      const fake = createDifyProvider({
        id: "dify",
        apiKey: "app-k",
        mode: "blocking",
        fetch: fetchReturning(JSON.stringify(body), { status: 400, contentType: "application/json" }),
      });
      const e = (await collect(fake.stream(ask("hi"), callContext()))).error as LlmError;
      expect(e.code).toBe(code as LlmError["code"]);
      expect(e.retryable).toBe(retryable);
      expect(e.message).toContain("400");
    }
    mock.enqueue({ status: 429, headers: { "retry-after": "1" } });
    const limited = (await collect(p.stream(ask("hi"), callContext()))).error as LlmError;
    expect(limited.code).toBe("upstream_rate_limited");
    expect(limited.retryAfterMs).toBe(1_000);
  });

  test("in-stream: completion_request_error is upstream_unavailable; quota is rate limiting", async () => {
    const p = createDifyProvider({ id: "dify", apiKey: "app-k", baseUrl: mock.url });
    mock.enqueue(
      { fault: { kind: "vendor_error", after: 0, error: "overloaded" } },
      { fault: { kind: "vendor_error", after: 0, error: "rate_limit" } },
    );
    const a = (await collect(p.stream(ask("hi"), callContext()))).error as LlmError;
    expect(a.code).toBe("upstream_unavailable");
    expect(a.message).toContain("completion_request_error");
    const b = (await collect(p.stream(ask("hi"), callContext()))).error as LlmError;
    expect(b.code).toBe("upstream_rate_limited");
  });

  test("message_replace (output moderation) finishes as content_filter; workflow events are skipped", async () => {
    const body = [
      'data: {"event":"workflow_started","conversation_id":"c9","data":{}}\n\n',
      "event: ping\n\n",
      'data: {"event":"message","conversation_id":"c9","answer":"Some "}\n\n',
      'data: {"event":"node_finished","data":{}}\n\n',
      'data: {"event":"message_replace","conversation_id":"c9","answer":"[removed]"}\n\n',
      'data: {"event":"message_end","conversation_id":"c9","metadata":{}}\n\n',
    ].join("");
    const p = createDifyProvider({
      id: "dify",
      apiKey: "app-k",
      fetch: fetchReturning(body),
    });
    const r = await collect(p.stream(ask("hi"), callContext()));
    expect(r.chunks).toEqual([
      { type: "delta", text: "Some " },
      { type: "finish", reason: "content_filter", conversationId: "c9" },
    ]);
  });

  test("difyRequestBody copies fixed inputs instead of sharing them", () => {
    const inputs = { a: 1 };
    const body = difyRequestBody(ask("q"), { inputs });
    body.inputs.b = 2;
    expect(inputs).toEqual({ a: 1 });
  });
});
