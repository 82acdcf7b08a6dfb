import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { ask, callContext, collect, fetchReturning } from "../../testing/collect.ts";
import { startMockUpstreams } from "../../testing/mock-upstreams.ts";
import { runHttpProviderContract } from "../../testing/provider.contract.ts";
import type { LlmError } from "../../types.ts";
import { anthropicRequestBody, createAnthropicProvider } from "./index.ts";

runHttpProviderContract("anthropic", (baseUrl, t) => createAnthropicProvider({ id: "anthropic-test", baseUrl, ...t }));

const sseBody = (events: [string, unknown][]) =>
  events.map(([e, d]) => `event: ${e}\ndata: ${JSON.stringify(d)}\n\n`).join("");
const fromBody = (body: string) =>
  createAnthropicProvider({
    id: "a",
    apiKey: "k",
    baseUrl: "http://upstream.invalid",
    fetch: fetchReturning(body),
  });

describe("anthropic mapping", () => {
  const mock = startMockUpstreams();
  beforeEach(() => mock.reset());
  afterAll(() => mock.stop());

  test("posts to /v1/messages with x-api-key, version and beta headers", async () => {
    const p = createAnthropicProvider({
      id: "claude",
      apiKey: "sk-ant-k",
      baseUrl: `${mock.url}/`,
      beta: ["a-1", "b-2"],
      headers: { "x-extra": "1" },
    });
    const r = await collect(p.stream(ask("hi"), callContext("claude-sonnet-4-5")));
    expect(r.error).toBeUndefined();
    const got = mock.requests[0];
    expect(got?.path).toBe("/v1/messages");
    expect(got?.headers.get("x-api-key")).toBe("sk-ant-k");
    expect(got?.headers.get("anthropic-version")).toBe("2023-06-01");
    expect(got?.headers.get("anthropic-beta")).toBe("a-1,b-2");
    expect(got?.headers.get("x-extra")).toBe("1");
    expect(got?.headers.get("authorization")).toBeNull();
    expect(got?.body).toMatchObject({ model: "claude-sonnet-4-5" });
  });

  test("system messages go to `system`; same-role turns merge; options map to Anthropic names", () => {
    const body = anthropicRequestBody(
      {
        messages: [
          { role: "system", content: "You are kefu." },
          { role: "user", content: "Hi" },
          { role: "user", content: "Anyone there?" },
          { role: "assistant", content: "Yes!" },
          { role: "system", content: "Answer in English." },
          { role: "user", content: "Refund?" },
        ],
        temperature: 0.3,
        topP: 0.8,
        stop: ["END"],
        user: "visitor-9",
      },
      "claude-x",
      1024,
    );
    expect(body).toEqual({
      model: "claude-x",
      max_tokens: 1024,
      system: "You are kefu.\n\nAnswer in English.",
      messages: [
        { role: "user", content: "Hi\n\nAnyone there?" },
        { role: "assistant", content: "Yes!" },
        { role: "user", content: "Refund?" },
      ],
      stream: true,
      temperature: 0.3,
      top_p: 0.8,
      stop_sequences: ["END"],
      metadata: { user_id: "visitor-9" },
    });
    expect(anthropicRequestBody(ask("q", { maxTokens: 50 }), "m", 1024).max_tokens).toBe(50);
    expect(anthropicRequestBody(ask("q"), "m", 1024).system).toBeUndefined();
  });

  test("stop reasons map: max_tokens → length, refusal → content_filter", async () => {
    const p = createAnthropicProvider({ id: "a", apiKey: "k", baseUrl: mock.url });
    mock.enqueue({ finishReason: "length" }, { finishReason: "content_filter" });
    expect((await collect(p.stream(ask("q"), callContext()))).finish?.reason).toBe("length");
    expect((await collect(p.stream(ask("q"), callContext()))).finish?.reason).toBe("content_filter");
  });

  test("prompt tokens include cache reads and writes; thinking and tool deltas are skipped", async () => {
    const body = sseBody([
      [
        "message_start",
        {
          type: "message_start",
          message: {
            usage: { input_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 7, output_tokens: 1 },
          },
        },
      ],
      [
        "content_block_start",
        { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
      ],
      [
        "content_block_delta",
        { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "hmm" } },
      ],
      ["content_block_stop", { type: "content_block_stop", index: 0 }],
      ["content_block_start", { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } }],
      ["content_block_delta", { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "Hello" } }],
      [
        "content_block_delta",
        { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: "{" } },
      ],
      ["some_future_event", { type: "some_future_event" }],
      ["message_delta", { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 12 } }],
      ["message_stop", { type: "message_stop" }],
    ]);
    const r = await collect(fromBody(body).stream(ask("q"), callContext()));
    expect(r.error).toBeUndefined();
    expect(r.chunks).toEqual([
      { type: "delta", text: "Hello" },
      { type: "usage", promptTokens: 112, completionTokens: 12 },
      { type: "finish", reason: "stop" },
    ]);
  });

  test("an overloaded_error event is retryable upstream_unavailable", async () => {
    const body = sseBody([["error", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }]]);
    const e = (await collect(fromBody(body).stream(ask("q"), callContext()))).error as LlmError;
    expect(e.code).toBe("upstream_unavailable");
    expect(e.retryable).toBe(true);
    expect(e.message).toContain("overloaded_error: Overloaded");
  });

  test("529 overloaded is upstream_unavailable; the error type reaches the message", async () => {
    const p = createAnthropicProvider({ id: "a", apiKey: "k", baseUrl: mock.url });
    mock.enqueue({ status: 529, error: "overloaded" });
    const e = (await collect(p.stream(ask("q"), callContext()))).error as LlmError;
    expect(e.code).toBe("upstream_unavailable");
    expect(e.message).toContain("529");
    expect(e.message).toContain("overloaded_error");
  });

  test("a non-stream Message body is read as one answer", async () => {
    const p = createAnthropicProvider({ id: "a", apiKey: "k", baseUrl: mock.url });
    mock.enqueue({ nonStream: true, text: "Done.", usage: { prompt: 4, completion: 2 } });
    const r = await collect(p.stream(ask("q"), callContext()));
    expect(r.chunks).toEqual([
      { type: "delta", text: "Done." },
      { type: "usage", promptTokens: 4, completionTokens: 2 },
      { type: "finish", reason: "stop" },
    ]);
  });

  test("a stream that ends after message_delta without message_stop still finishes", async () => {
    const body = sseBody([
      ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi" } }],
      ["message_delta", { type: "message_delta", delta: { stop_reason: "max_tokens" }, usage: { output_tokens: 1 } }],
    ]);
    const r = await collect(fromBody(body).stream(ask("q"), callContext()));
    expect(r.error).toBeUndefined();
    expect(r.finish?.reason).toBe("length");
  });
});
