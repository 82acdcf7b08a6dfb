import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { ask, callContext, collect, fetchReturning } from "../../testing/collect.ts";
import { startMockUpstreams } from "../../testing/mock-upstreams.ts";
import { runHttpProviderContract } from "../../testing/provider.contract.ts";
import type { LlmError } from "../../types.ts";
import { cozeRequestBody, createCozeProvider } from "./index.ts";

runHttpProviderContract("coze", (baseUrl, t) => createCozeProvider({ id: "coze-test", baseUrl, botId: "bot-1", ...t }));

const fromBody = (body: string) =>
  createCozeProvider({
    id: "coze",
    apiKey: "pat_x",
    botId: "b",
    fetch: fetchReturning(body),
  });

describe("coze mapping", () => {
  const mock = startMockUpstreams();
  beforeEach(() => mock.reset());
  afterAll(() => mock.stop());

  test("a new conversation: bot, user, stream and the user/assistant turns as text messages", async () => {
    const p = createCozeProvider({
      id: "coze",
      apiKey: "pat_secret",
      botId: "7348",
      baseUrl: `${mock.url}/`,
      customVariables: { shop: "acme" },
    });
    const req = {
      messages: [
        { role: "system" as const, content: "dropped: the bot has its prompt" },
        { role: "user" as const, content: "Hi" },
        { role: "assistant" as const, content: "Hello!" },
        { role: "user" as const, content: "运费多少？" },
      ],
      user: "visitor-5",
    };
    const r = await collect(p.stream(req, callContext()));
    expect(r.error).toBeUndefined();
    const got = mock.requests[0];
    expect(got?.path).toBe("/v3/chat");
    expect(got?.query.get("conversation_id")).toBeNull();
    expect(got?.headers.get("authorization")).toBe("Bearer pat_secret");
    expect(got?.body).toEqual({
      bot_id: "7348",
      user_id: "visitor-5",
      stream: true,
      additional_messages: [
        { role: "user", type: "question", content: "Hi", content_type: "text" },
        { role: "assistant", type: "answer", content: "Hello!", content_type: "text" },
        { role: "user", type: "question", content: "运费多少？", content_type: "text" },
      ],
      custom_variables: { shop: "acme" },
    });
  });

  test("a known conversation: id in the query string, only the last user message", async () => {
    const p = createCozeProvider({ id: "coze", apiKey: "pat_x", botId: "b", baseUrl: mock.url, autoSaveHistory: true });
    const req = {
      messages: [
        { role: "user" as const, content: "old" },
        { role: "assistant" as const, content: "old answer" },
        { role: "user" as const, content: "new" },
      ],
      conversationId: "7350/x",
    };
    await collect(p.stream(req, callContext()));
    const got = mock.requests[0];
    expect(got?.query.get("conversation_id")).toBe("7350/x");
    expect(got?.body).toEqual({
      bot_id: "b",
      user_id: "kefu",
      stream: true,
      auto_save_history: true,
      additional_messages: [{ role: "user", type: "question", content: "new", content_type: "text" }],
    });
  });

  test("answer deltas only (verbose and completed messages skipped); usage and conversation id at the end", async () => {
    const p = createCozeProvider({ id: "coze", apiKey: "pat_x", botId: "b", baseUrl: mock.url });
    mock.enqueue({ text: "运费是 10 元。", conversationId: "7350", usage: { prompt: 40, completion: 8 } });
    const r = await collect(p.stream(ask("运费？"), callContext()));
    expect(r.text).toBe("运费是 10 元。");
    expect(r.usage).toEqual({ type: "usage", promptTokens: 40, completionTokens: 8 });
    expect(r.finish).toEqual({ type: "finish", reason: "stop", conversationId: "7350" });
  });

  test("HTTP 200 with {code, msg} is an error mapped by Coze code", async () => {
    const p = createCozeProvider({ id: "coze", apiKey: "pat_x", botId: "b", baseUrl: mock.url });
    const cases: [object, string][] = [
      [{ fault: { kind: "json_error", error: "auth" } }, "upstream_rejected"],
      [{ fault: { kind: "json_error", error: "rate_limit" } }, "upstream_rate_limited"],
      [{ fault: { kind: "json_error", error: "overloaded" } }, "upstream_unavailable"],
    ];
    for (const [script, code] of cases) {
      mock.enqueue(script);
      const e = (await collect(p.stream(ask("q"), callContext()))).error as LlmError;
      expect(e.code).toBe(code as LlmError["code"]);
      expect(e.message).toContain("code ");
    }
    mock.enqueue({ nonStream: true });
    const e = (await collect(p.stream(ask("q"), callContext()))).error as LlmError;
    expect(e.code).toBe("upstream_protocol");
  });

  test("conversation.chat.failed carries last_error; requires_action is not supported", async () => {
    const failed = fromBody(
      'event:conversation.chat.failed\ndata:{"id":"c","conversation_id":"v","status":"failed","last_error":{"code":5000,"msg":"model down"}}\n\n',
    );
    const a = (await collect(failed.stream(ask("q"), callContext()))).error as LlmError;
    expect(a.code).toBe("upstream_unavailable");
    expect(a.message).toContain("code 5000: model down");
    const action = fromBody('event:conversation.chat.requires_action\ndata:{"id":"c","status":"requires_action"}\n\n');
    const b = (await collect(action.stream(ask("q"), callContext()))).error as LlmError;
    expect(b.code).toBe("upstream_rejected");
  });

  test("an answer that arrives whole (no deltas) is still delivered; done without chat.completed finishes", async () => {
    const body = [
      'event:conversation.message.completed\ndata:{"id":"m1","role":"assistant","type":"answer","content":"Whole.","content_type":"text"}\n\n',
      'event:conversation.message.completed\ndata:{"id":"m2","role":"assistant","type":"follow_up","content":"More?","content_type":"text"}\n\n',
      "event:done\ndata:[DONE]\n\n",
    ].join("");
    const r = await collect(fromBody(body).stream(ask("q"), callContext()));
    expect(r.chunks).toEqual([
      { type: "delta", text: "Whole." },
      { type: "finish", reason: "stop" },
    ]);
  });

  test("cozeRequestBody keeps the last 100 turns", () => {
    const messages = Array.from({ length: 150 }, (_, i) => ({ role: "user" as const, content: String(i) }));
    const body = cozeRequestBody({ messages }, { botId: "b" });
    expect(body.additional_messages).toHaveLength(100);
    expect(body.additional_messages[0]?.content).toBe("50");
  });
});
